using System.Globalization;
using EdgeVoice.Core;
using EdgeVoice.Intents;
using EdgeVoice.Intents.Templates;
using EdgeVoice.Speech;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Bench;

/// <summary>A voice family scored with one Speech:GrammarSource through the product's intent engine. "Right within one yes" adds
/// to "acts right" the commands asked back that the engine carries out as said once the speaker says yes.</summary>
public sealed record SourceRow(string Family, string Source, int Rules, int Words, int Clips, int Covered, int Exact, int Understood,
    int ActsRight, int RightAfterYes, int AskedBack, int Rejected, int WrongAnswers, int WrongActions, int NoIntent, int NoIntentRejected, double MedianEndMs)
{
    public string Line => $"| {Family} | {Source} | {Rules} / {Words} | {Clips} | {Covered} | {Exact}/{Covered} | {ActsRight}/{Understood} | {ActsRight + RightAfterYes}/{Understood} " +
        $"| {AskedBack} | {Rejected} | {WrongAnswers} | **{WrongActions}** | {NoIntentRejected}/{NoIntent} | {MedianEndMs:F0} |";
    public const string Header = "| family | grammar source | rules / words | clips | covered by the grammar | covered heard exactly | acts right | right within one yes | asked back | commands rejected | wrong answers | **wrong actions** | no-intent clips rejected | end of speech → transcript, median ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
}

/// <summary>
/// A voice family heard with the grammar of one Speech:GrammarSource and carried out by the intent engine the
/// service runs (rules, then Home Assistant's templates; no LLM), so the templates grammar is judged by the tier
/// that understands it. What a clip should do is what the engine does with the sentence as written; "acts right"
/// is the same intents from the audio, a wrong action a device command (or timer) done that the sentence does not
/// give, a wrong answer the same for a state question. An unsure transcript goes through the engine's asking back,
/// as in the service.
/// </summary>
public static class SourceFamilies
{
    /// <param name="templates">The template tier as the host sets it up for the profile, for the recogniser and the engines alike.</param>
    /// <param name="cold">A new recogniser for every clip (<see cref="Hearing"/>).</param>
    public static async Task<SourceRow> ScoreAsync(string family, EdgeVoiceOptions devices, IEnumerable<Spoken> clips, string source, TextWriter output, SpeechOptions? options = null, TextWriter? dump = null,
        TemplateTier? templates = null, bool cold = false, (Func<string, string> From, string To)? kept = null)
    {
        var opts = options ?? new SpeechOptions();
        var grammarSource = Source(source, opts.Dictionary);
        using var hearing = new Hearing(() => new GrammarRecognizer(Options.Create(opts), new DeviceCatalog(new Profiles.Monitor<EdgeVoiceOptions>(devices)),
            NullLogger<GrammarRecognizer>.Instance, source: grammarSource, templates: templates), cold, kept);
        var grammar = CommandGrammar.Build(devices.Devices, false, grammarSource, templates);
        var language = new GrammarLanguage(grammar);
        var clock = new ManualTime();
        // No LLM: what is scored is what the grammar lets the deterministic tiers do. One engine for the sentence as
        // written and one for the transcript, so neither sees the other's turn; the clock moves on between clips, so
        // no follow-up or open question carries over, and both tell the same time.
        var intents = new IntentOptions { LlmModel = "no-llm-in-this-bench.gguf", SatelliteArea = templates is { SatelliteArea.Length: > 0 } tier ? tier.SatelliteArea : null };
        using var writtenEngine = Engines.Create(devices, intents, clock);
        using var engine = Engines.Create(devices, intents, clock);
        // A third engine for what an asked-back transcript would do, to know the speaker's answer; the dump's column has its
        // own, so that dumping leaves the probe's history, and with it the figures, as they are without it.
        using var probe = Engines.Create(devices, intents, clock);
        using var dumped = dump is null ? null : Engines.Create(devices, intents, clock);
        int n = 0, covered = 0, exact = 0, understood = 0, right = 0, rightAfterYes = 0, asked = 0, lost = 0, wrongAnswers = 0, wrongActions = 0, noIntent = 0, rejected = 0;
        var ms = new List<double>();
        foreach (var c in clips)
        {
            n++;
            clock.Now = clock.Now.AddMinutes(10);
            var (t, endMs, _) = await SpeechBench.Streamed(hearing.Next(c.Condition), c.Audio);
            ms.Add(endMs);
            string said = GrammarLanguage.Spoken(c.Said);
            var meant = Key(await writtenEngine.RecognizeAsync(c.Said));
            var done = !t.IsCommand ? null : t.Unsure ? await engine.RecognizeUnsureAsync(t.Text) : await engine.RecognizeAsync(t.Text);
            var heard = done is null ? "" : Key(done);
            bool isCovered = language.Accepts(said);
            if (isCovered) covered++;
            if (isCovered && t.IsCommand && t.Text == said) exact++;
            bool askedBack = done?.Reply.StartsWith("Did you say", StringComparison.Ordinal) == true;
            if (askedBack)
            {
                asked++;
                // The speaker answers as a person would, heard for sure: yes when the question says what was said, else no.
                bool asRight = meant.Length > 0 && Key(await probe.RecognizeAsync(t.Text)) == meant;
                var answered = await engine.RecognizeAsync(asRight ? "yes" : "no");
                if (asRight && Key(answered) == meant) rightAfterYes++;
            }
            if (meant.Length > 0) understood++;
            else
            {
                noIntent++;
                if (!t.IsCommand) rejected++;
                else output.WriteLine($"  {source} not rejected [{c.Condition}]: '{c.Said}' → '{t.Text}' [{heard}] {done!.Reply}");
            }
            string mark = "";
            if (meant.Length > 0 && heard == meant) right++;
            else if (heard.Length > 0)
            {
                bool action = Acts(done!.Intents);
                if (action) wrongActions++; else wrongAnswers++;
                mark = action ? "WRONG ACTION" : "wrong answer";
            }
            else if (meant.Length > 0) mark = askedBack ? "asked back" : t.IsCommand ? "missed" : "rejected";
            if (meant.Length > 0 && !t.IsCommand) lost++;
            if (dump is not null && dumped is not null && hearing.Verdict is { } v)
            {
                var cmdKey = v.Command.Length == 0 ? "" : Key(await dumped.RecognizeAsync(v.Command));
                dump.WriteLine(string.Join('\t', new object[] { family, c.Condition, c.Said, v.Command, v.Facts.Command.Score, v.Facts.Command.Frames, v.Free, v.Facts.Free.Score,
                    v.SnrDb.ToString("F1", CultureInfo.InvariantCulture), v.Margin.ToString("F2", CultureInfo.InvariantCulture), v.Threshold.ToString("F2", CultureInfo.InvariantCulture),
                    t.IsCommand, t.Unsure, v.Outcome.RivalGap?.ToString("F2", CultureInfo.InvariantCulture) ?? "", v.Outcome.AskedBecause ?? "", mark, meant, heard, cmdKey, isCovered, VoiceFamilies.Ring(v.Facts.RingMsPerDb) }));
            }
            if (mark.Length > 0)
                output.WriteLine($"  {source} {mark}{(isCovered ? "" : " (not in grammar)")} [{c.Condition}]: '{c.Said}' → '{t.Text}' [{heard}] (meant [{meant}]) margin {t.Margin:F1}");
        }
        ms.Sort();
        var row = new SourceRow(family, source, grammar.Split('\n').Count(l => l.StartsWith('<') || l.StartsWith("public")), CommandGrammar.Words(grammar).Count(),
            n, covered, exact, understood, right, rightAfterYes, asked, lost, wrongAnswers, wrongActions, noIntent, rejected, ms.Count == 0 ? 0 : ms[ms.Count / 2]);
        output.WriteLine(row.Line);
        return row;
    }

    /// <summary>Whether what was done changes a device or a timer: a wrong one is a wrong action, else a wrong answer.</summary>
    public static bool Acts(IEnumerable<Intent> intents) => intents.Any(i => !IntentNames.ChangesNothing(i.Name));

    /// <summary>Speech:GrammarSource as the service wires it (AddEdgeVoiceIntents): all the templates, or the on-device intents' (ondevice).</summary>
    public static GrammarSource? Source(string source, string dictionary)
    {
        var templates = new TemplateGrammar(TemplateLoader.LoadDefault, null, IntentEngine.OnDeviceIntents);
        return GrammarSource.From(source, templates, templates.OnDevice(), dictionary);
    }

    /// <summary>
    /// The intents of a result (name, device, slots), in a fixed order; the reply of an answer the template tier gives
    /// on the device (time, date, weather); empty for anything else without intents.
    /// </summary>
    static string Key(IntentResult r) => r is { Intents.Count: 0, Tier: "templates", Reply.Length: > 0 } && !r.Reply.StartsWith("Did you say", StringComparison.Ordinal) ? "answer: " + r.Reply : string.Join("; ", r.Intents.Select(i =>
        $"{i.Name} {i.Device} {string.Join(",", i.Slots.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={Convert.ToString(s.Value, CultureInfo.InvariantCulture)}"))}")
        .Order(StringComparer.Ordinal));
}
