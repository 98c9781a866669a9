namespace EdgeVoice.Bench;

/// <summary>
/// The bench's named sets of real people saying no command, one table for both benches that hear them: `speech families`
/// (no question open) and `speech answers` (a question open). Each set is read in packs (a language, a voice pack, a
/// speaker), and a row is scored per pack.
/// </summary>
public static class RealVoices
{
    /// <summary>One pack of a named set: the set's name, the pack within it, what a row calls it, and its clips, read when scored.</summary>
    public sealed record Pack(string Set, string Id, string Name, Func<Task<List<Spoken>>> Clips);

    /// <summary>The sets' names as the command line gives them, in the order their rows are printed.</summary>
    public static readonly string[] Names = ["prompts", "hedgewars", "sphinxdata", "kajongg", "mandarin", "ktuberling"];

    /// <summary>
    /// The packs of every set named in <paramref name="args"/>. `lang=` (prompts: a list, or all), `pack=` (hedgewars,
    /// kajongg, ktuberling) and `voice=` (mandarin) pick some; otherwise every pack, but for prompts English alone unless
    /// <paramref name="everyPrompt"/>.
    /// </summary>
    public static List<Pack> Named(IReadOnlyCollection<string> args, Func<string, string?> arg, bool everyPrompt = false)
    {
        string[] Picked(string key, IEnumerable<string> all) => arg(key) is string s ? s.Split(',') : [.. all];
        string[] langs = arg("lang") is { } l && l != "all" ? l.Split(',')
            : everyPrompt || arg("lang") == "all" ? [.. AsteriskPrompts.Voices.Select(v => v.Lang)] : ["en"];
        var packs = new List<Pack>();
        foreach (var set in Names.Where(args.Contains))
            packs.AddRange(set switch
            {
                "prompts" => langs.Select(lang => new Pack(set, lang, $"asterisk {lang}", () => AsteriskPrompts.PromptsAsync(lang))),
                "hedgewars" => Picked("pack", Hedgewars.Packs()).Select(p => new Pack(set, p, $"hedgewars {p}", () => Hedgewars.ClipsAsync(p))),
                "sphinxdata" => [new Pack(set, "", "pocketsphinx test data", SphinxTestData.ClipsAsync)],
                "kajongg" => Picked("pack", Kajongg.Packs()).Select(p => new Pack(set, p, $"kajongg {p}", () => Kajongg.ClipsAsync(p))),
                "mandarin" => Picked("voice", MandarinSyllables.Voices).Select(v => new Pack(set, v, $"mandarin voice {v}", () => MandarinSyllables.ClipsAsync(v))),
                _ => Picked("pack", Ktuberling.Packs()).Select(p => new Pack(set, p, $"ktuberling {p}", () => Ktuberling.ClipsAsync(p))),
            });
        return packs;
    }
}
