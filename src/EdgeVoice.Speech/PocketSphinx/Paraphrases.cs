using EdgeVoice.Core;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// The other ways the device sentences say the same command: "turn on heating" is also "turn the heating on" and
/// "switch heating on". A rival is checked in every one of its ways, since the speaker said one of them and the heard
/// sentence's word order need not be it (EXPERIMENTS.md, session 26: "turn the heating on" was executed as "turn on
/// kitchen lamp" when only "turn on heating" stood for it).
/// </summary>
/// <remarks>
/// Only the sentences that name a device or an area ({name}, {area}, with a number, unit or colour); the same meaning is
/// the same intent with the same slot values.
/// </remarks>
internal static class Paraphrases
{
    static readonly HashSet<string> Slots = ["{name}", "{area}", "{number}", "{unit}", "{color}"];

    sealed record Form(SentenceTemplate Template, string[] Words)
    {
        public string SlotSet { get; } = string.Join(' ', Words.Where(Slots.Contains).Order(StringComparer.Ordinal));
    }

    static readonly Form[] Forms = [.. CommandSentences.Templates
        .Where(t => !t.Here && !t.OnDevice && !t.Timer)
        .SelectMany(t => Expand(t.Pattern).Select(w => new Form(t, [.. w])))
        .Where(f => f.Words.Any(w => w is "{name}" or "{area}") && f.Words.All(w => !w.StartsWith('{') || Slots.Contains(w)))];

    static readonly HashSet<string> NumberSays = [.. Enumerable.Range(0, 101).Select(n => CommandGrammar.NumberWords(n)!)];

    /// <summary>The meanings of <paramref name="sentence"/>: each device sentence it is, as its intent and slot values.</summary>
    public static IEnumerable<string> Meanings(string sentence, IReadOnlyList<DeviceOptions> devices) =>
        Parses(sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries), devices).Select(p => p.Meaning).Distinct();

    /// <summary>
    /// The sentences that say what <paramref name="sentence"/> says, itself excluded, as the grammar would let the devices
    /// be told; none for a meaning in <paramref name="except"/>.
    /// </summary>
    public static IEnumerable<string> Of(string sentence, IReadOnlyList<DeviceOptions> devices, IReadOnlySet<string> except)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var parses = Parses(words, devices).ToList();
        // A sentence that can also mean the excepted ("is the fan on" and "is the fan off" both ask for the fan's state).
        if (parses.Any(p => except.Contains(p.Meaning))) yield break;
        var said = new HashSet<string>(StringComparer.Ordinal) { sentence };
        foreach (var (form, values, _) in parses)
            foreach (var other in Forms.Where(f => f.Template.Intent == form.Template.Intent && f.SlotSet == form.SlotSet && Allowed(f.Template, values, devices)))
            {
                var s = string.Join(' ', other.Words.Select(w => values.TryGetValue(w, out var v) ? v : w));
                if (said.Add(s)) yield return s;
            }
    }

    static IEnumerable<(Form Form, Dictionary<string, string> Values, string Meaning)> Parses(string[] words, IReadOnlyList<DeviceOptions> devices)
    {
        foreach (var f in Forms)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Match(f.Words, 0, words, 0, values, devices) && Allowed(f.Template, values, devices))
                yield return (f, values, f.Template.Intent + " " + string.Join(", ", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")));
        }
    }

    /// <summary>Whether the template is said for the device the values name (a decoy: any name template) or for a device in their area.</summary>
    static bool Allowed(SentenceTemplate t, Dictionary<string, string> values, IReadOnlyList<DeviceOptions> devices)
    {
        var said = Said.For(devices);
        if (values.TryGetValue("{name}", out var name))
            return said.Owners.TryGetValue(name, out var owners) ? owners.Any(t.AppliesTo) : said.Decoys.Contains(name) && devices.Any(t.AppliesTo);
        return values.TryGetValue("{area}", out var area) && devices.Any(d => t.AppliesTo(d) && CommandGrammar.SpokenForm(d.Area) == area);
    }

    /// <summary>Whether the words from <paramref name="j"/> are the form from <paramref name="i"/>, filling its slots.</summary>
    static bool Match(string[] form, int i, string[] words, int j, Dictionary<string, string> values, IReadOnlyList<DeviceOptions> devices)
    {
        if (i == form.Length) return j == words.Length;
        if (!Slots.Contains(form[i])) return j < words.Length && words[j] == form[i] && Match(form, i + 1, words, j + 1, values, devices);
        for (int end = j + 1; end <= words.Length; end++)
        {
            var value = string.Join(' ', words[j..end]);
            if (!Fits(form[i], value, devices)) continue;
            values[form[i]] = value;
            if (Match(form, i + 1, words, end, values, devices)) return true;
            values.Remove(form[i]);
        }
        return false;
    }

    static bool Fits(string slot, string value, IReadOnlyList<DeviceOptions> devices) => slot switch
    {
        "{name}" => Said.For(devices) is var said && (said.Owners.ContainsKey(value) || said.Decoys.Contains(value)),
        "{area}" => Said.For(devices).Areas.Contains(value),
        "{number}" => NumberSays.Contains(value),
        "{unit}" => CommandSentences.Units.Contains(value),
        "{color}" => CommandSentences.Colors.Contains(value),
        _ => false,
    };

    /// <summary>
    /// Whether two spoken names name the same device. A name several devices share counts as its first device's, as
    /// the configuration lists them.
    /// </summary>
    public static bool SameDevice(string a, string b, IReadOnlyList<DeviceOptions> devices) =>
        Said.For(devices).Owners is var owners && owners.TryGetValue(a, out var x) && owners.TryGetValue(b, out var y) && x[0].Id == y[0].Id;

    /// <summary>The names, decoys and areas of one device list, worked out once for it rather than per word.</summary>
    sealed class Said
    {
        static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<DeviceOptions>, Said> Known = [];

        public required Dictionary<string, List<DeviceOptions>> Owners { get; init; }
        public required HashSet<string> Decoys { get; init; }
        public required HashSet<string> Areas { get; init; }

        public static Said For(IReadOnlyList<DeviceOptions> devices) => Known.GetValue(devices, ds => new Said
        {
            Owners = ds.SelectMany(d => d.SpokenNames().Select(n => (Name: CommandGrammar.SpokenForm(n), Device: d)))
                .GroupBy(n => n.Name).ToDictionary(g => g.Key, g => g.Select(n => n.Device).Distinct().ToList()),
            Decoys = [.. CommandGrammar.DecoysFor(ds)],
            Areas = [.. ds.Select(d => CommandGrammar.SpokenForm(d.Area)).Where(a => a.Length > 0)],
        });
    }

    /// <summary>Every word sequence a template pattern says, its slots left as "{slot}".</summary>
    internal static List<List<string>> Expand(string pattern)
    {
        var tokens = pattern.Replace("(", " ( ").Replace(")", " ) ").Replace("[", " [ ").Replace("]", " ] ").Replace("|", " | ")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int i = 0;
        return Alternatives(tokens, ref i);
    }

    static List<List<string>> Alternatives(string[] t, ref int i)
    {
        var all = Sequence(t, ref i);
        while (i < t.Length && t[i] == "|") { i++; all.AddRange(Sequence(t, ref i)); }
        return all;
    }

    static List<List<string>> Sequence(string[] t, ref int i)
    {
        List<List<string>> said = [[]];
        while (i < t.Length && t[i] is not ("|" or ")" or "]"))
        {
            var token = t[i++];
            List<List<string>> part = [[token]];
            if (token is "(" or "[")
            {
                part = Alternatives(t, ref i);
                if (token == "[") part.Add([]);
                i++; // the closing bracket
            }
            said = [.. said.SelectMany(s => part.Select(p => s.Concat(p).ToList()))];
        }
        return said;
    }
}
