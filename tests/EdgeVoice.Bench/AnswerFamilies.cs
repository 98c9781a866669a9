using EdgeVoice.Core;
using EdgeVoice.Intents;
using EdgeVoice.Speech;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Bench;

/// <summary>
/// A family's answers to "Did you say …? Say yes or no.". Right: the answer said, heard for sure. A "no" heard for sure as
/// a yes, or any answer heard for sure as a device command, does what the user did not ask: a wrong action. A yes heard
/// as a no cancels a command the user wanted (lost, not wrong). Rejected or unsure: asked again.
/// </summary>
public sealed record AnswerRow(string Family, int Clips, int Right, int WrongActions, int YesHeardAsNo, int AskedAgain)
{
    /// <summary>Of the wrong actions, the commands carried out instead of an answer.</summary>
    public int Commands { get; init; }

    public const string Header = "| family | answers | heard right | **wrong actions** (a no taken for a yes, or a command) | yes heard as no | asked again |\n|---|---|---|---|---|---|";
    public string Line => $"| {Family} | {Clips} | {Right}/{Clips} ({100.0 * Right / Math.Max(1, Clips):F1} %) | **{WrongActions}** | {YesHeardAsNo} | {AskedAgain} |";
}

/// <summary>
/// The answer turn on voices the recogniser was not tuned on (issue 18). About half of those voices' commands are asked
/// back, so what they finally do depends on this turn as much as on the command's.
/// </summary>
public static class AnswerFamilies
{
    /// <summary>Every answer the intent engine takes (<see cref="Replies"/>), and two with a word of politeness.</summary>
    public static readonly (string Said, bool Yes)[] Answers =
        [.. Replies.Yes.Select(a => (a, true)), .. Replies.No.Select(a => (a, false)), ("yes please", true), ("no thanks", false)];

    public static IReadOnlyList<string> Said => [.. Answers.Select(a => a.Said)];

    /// <summary>
    /// Each clip streamed as on a device while a confirmation question is open; every answer not heard right is printed.
    /// A clip whose sentence is no answer is chatter overheard meanwhile: right when rejected; taken for a yes or a command
    /// it is a wrong action, for a no it cancels the command (lost).
    /// </summary>
    /// <param name="dump">One row per clip (<see cref="DumpHeader"/>), to look for what tells answers from chatter offline.</param>
    public static async Task<AnswerRow> ScoreAsync(string family, EdgeVoiceOptions devices, IEnumerable<Spoken> clips, TextWriter output, SpeechOptions? options = null,
        TextWriter? dump = null)
    {
        using var g = new GrammarRecognizer(Options.Create(options ?? new SpeechOptions()), new DeviceCatalog(new Profiles.Monitor<EdgeVoiceOptions>(devices)),
            NullLogger<GrammarRecognizer>.Instance, new SpeechBench.QuestionOpen());
        GrammarVerdict? verdict = null;
        g.Observer = v => verdict = v;
        var rules = new RuleMatcher(devices.Devices);
        int n = 0, right = 0, wrong = 0, lost = 0, again = 0, commands = 0;
        foreach (var c in clips)
        {
            n++;
            bool? yes = Answers.Where(a => a.Said == c.Said).Select(a => (bool?)a.Yes).SingleOrDefault();
            var (t, _, _) = await SpeechBench.Streamed(g, c.Audio);
            bool sure = t.IsCommand && !t.Unsure;
            // A sure yes or no (null: none); a sure command is acted on as one.
            bool? heardYes = sure && Replies.IsWhole(t.Text) ? Replies.Starts(t.Text) : null;
            bool command = sure && heardYes is null && rules.Match(t.Text) is { Outcome: RuleOutcome.Command } m && SourceFamilies.Acts(m.Intents);
            dump?.WriteLine(string.Join('\t', family, c.Condition, c.Said, yes switch { true => "yes", false => "no", _ => "chatter" }, t.Text,
                heardYes switch { true => "yes", false => "no", _ => command ? "command" : t.IsCommand ? "unsure" : "rejected" },
                F(verdict?.Margin), F(verdict?.Threshold), F(verdict?.SnrDb), F(verdict?.Seconds), verdict?.Facts.Free.Text, F(verdict?.Outcome.RivalGap),
                verdict?.Outcome.AskedBecause));
            string mark;
            if (heardYes is not null && heardYes == yes) { right++; continue; }
            if (yes is null && !t.IsCommand) { right++; continue; } // chatter rejected: the question stays open
            if (heardYes == true) { wrong++; mark = yes is null ? "WRONG ACTION (chatter taken for a yes)" : "WRONG ACTION (a no taken for a yes)"; }
            else if (heardYes == false) { lost++; mark = yes is null ? "chatter taken for a no" : "yes heard as no"; }
            else if (command) { wrong++; commands++; mark = "WRONG ACTION (a command)"; }
            else { again++; mark = t.IsCommand ? "asked again (unsure)" : "asked again (rejected)"; }
            output.WriteLine($"  answer {mark} [{c.Condition}]: '{c.Said}' → '{t.Text}' (margin {t.Margin:F1}; the grammar's best '{verdict?.Facts.Command.Text}', " +
                $"the free loop's '{verdict?.Facts.Free.Text}', {verdict?.Seconds:F2} s, SNR {verdict?.SnrDb:F0} dB)");
        }
        var row = new AnswerRow(family, n, right, wrong, lost, again) { Commands = commands };
        output.WriteLine(row.Line);
        return row;
    }

    /// <summary>The columns of <see cref="ScoreAsync"/>'s dump.</summary>
    public const string DumpHeader = "family\tcondition\tsaid\tanswer\theard\ttaken as\tmargin\tthreshold\tsnr_db\tseconds\tfree loop\trival gap\tasked because";

    static string F(double? x) => x?.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>An English Hedgewars line said while a question is open: "Yes sir" is a yes, "Nooo" a no, the rest chatter.</summary>
    static Spoken Answered(Spoken line, string pack) => !Hedgewars.English(pack) ? line
        : line.Said switch { "yessir" => line with { Said = "yes" }, "nooo" => line with { Said = "no" }, _ => line };

    /// <summary>
    /// `EdgeVoice.Bench speech answers`: the answers in flite's rooms and espeak-ng's bench conditions (heldOut: festival's
    /// rooms, scored once), and the packs of <paramref name="real"/>: real voices saying no answer while the question is open
    /// (<see cref="RealVoices"/>; Hedgewars' English "Yes sir" and "Nooo" are answers). With noiseDb every set is heard with
    /// pink noise under it. The Piper set has no answers.
    /// </summary>
    /// <param name="noiseDb">Pink noise this far below each clip (null: none), seeded by the clip's place in its set.</param>
    public static async Task<List<AnswerRow>> RunAsync(TextWriter output, bool heldOut, string[] only, TextWriter? dump = null,
        IEnumerable<RealVoices.Pack>? real = null, double? noiseDb = null)
    {
        dump?.WriteLine(DumpHeader);
        // Every set is heard as the home profile sets the product up.
        Task<AnswerRow> Score(string family, IEnumerable<Spoken> clips) =>
            ScoreAsync(noiseDb is null ? family : $"{family}, pink noise {noiseDb} dB below", Profiles.Home,
                noiseDb is null ? clips : clips.Select((c, i) => c with { Audio = SpeechBench.Noisy(c.Audio, noiseDb, pink: true, seed: i) }), output, dump: dump);
        var rows = new List<AnswerRow>();
        bool On(string f) => !heldOut && (only.Length == 0 || only.Contains(f));
        if (heldOut) rows.Add(await Score("festival (held out)", await VoiceFamilies.RoomsAsync("festival", FamilySets.Festival, Said)));
        if (On("flite")) rows.Add(await Score("flite + room", await VoiceFamilies.RoomsAsync("flite", FamilySets.Flite, Said)));
        if (On("espeak")) rows.Add(await Score("espeak-ng (bench)", await VoiceFamilies.EspeakAsync(SpeechBench.Conditions, Said)));
        foreach (var pack in real ?? [])
            rows.Add(await Score($"{pack.Name} (real voices)", (await pack.Clips()).Select(c => pack.Set == "hedgewars" ? Answered(c, pack.Id) : c)));
        output.WriteLine(AnswerRow.Header);
        foreach (var r in rows) output.WriteLine(r.Line);
        return rows;
    }
}
