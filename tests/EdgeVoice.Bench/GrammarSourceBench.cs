using System.Text.Json;
using EdgeVoice.Core;
using EdgeVoice.Intents;
using EdgeVoice.Intents.Templates;
using EdgeVoice.Speech;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;

namespace EdgeVoice.Bench;

/// <summary>
/// The Piper set (../shared/speech-dev, config/speech-dev.json) through the real `simulate --wav` path once per
/// Speech:GrammarSource (issue 19): how many of the sentences the grammar can say, how many are heard exactly, how
/// many do what the intent stage does with the written sentence (`simulate --text`), asked back, and wrong actions.
/// </summary>
public static class GrammarSourceBench
{
    sealed record Heard(string Transcript, string Key, string Reply, bool DeviceAction);

    /// <param name="cli">The edgevoice binary (artifacts/edgevoice/edgevoice, or a build's bin/Release/net10.0/edgevoice).</param>
    public static async Task RunAsync(string cli, string[] sources, TextWriter output)
    {
        var clips = Directory.GetFiles(Repo.PiperDir, "*.wav").Order(StringComparer.Ordinal).Select(f => (Said: Path.GetFileNameWithoutExtension(f), Wav: f))
            .Concat(new[] { "kennedy.wav", "bush.wav" }.Select(f => (Said: f, Wav: Repo.Speech(f)))).ToList();
        var config = Repo.Config("speech-dev.json");
        var devices = Profiles.Load("speech-dev").Devices;
        await using var broker = await MosquittoBroker.StartAsync();
        var scratch = Directory.CreateTempSubdirectory("edgevoice-grammar-source-");
        try
        {
            var env = new Dictionary<string, string>
            {
                ["EDGEVOICE__Mqtt__Host"] = broker.Host, ["EDGEVOICE__Mqtt__Port"] = broker.Port.ToString(),
                ["EDGEVOICE__Mqtt__OutboxDir"] = Path.Combine(scratch.FullName, "outbox"), ["EDGEVOICE__ModelsDir"] = Repo.Models,
            };
            string[] common = ["simulate", "--config", config, "--reply-dir", Path.Combine(scratch.FullName, "replies"), "--json"];
            // What the intent stage does with each sentence as written: what the audio should lead to.
            var meant = await Simulate(cli, [.. common, .. clips.SelectMany(c => new[] { "--text", c.Said })], env);
            output.WriteLine($"| grammar source | JSGF rules | words | clips | in the grammar | understood as written | heard exactly | acts right | asked back | wrong answers | **wrong actions** | seconds |");
            output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var source in sources)
            {
                var grammar = CommandGrammar.Build(devices, false, SourceFamilies.Source(source, new SpeechOptions().Dictionary));
                var language = new GrammarLanguage(grammar);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var heard = await Simulate(cli, [.. common, .. clips.SelectMany(c => new[] { "--wav", c.Wav })],
                    new Dictionary<string, string>(env) { ["EDGEVOICE__Speech__GrammarSource"] = source });
                int inGrammar = 0, understood = 0, exact = 0, right = 0, asked = 0, wrongAnswers = 0, wrongActions = 0;
                for (int i = 0; i < clips.Count; i++)
                {
                    var (said, h, m) = (GrammarLanguage.Spoken(clips[i].Said), heard[i], meant[i]);
                    bool isIn = language.Accepts(said);
                    if (isIn) inGrammar++;
                    if (m.Key.Length > 0) understood++;
                    if (h.Transcript == said) exact++;
                    if (m.Key.Length > 0 && h.Key == m.Key) right++;
                    if (h.Reply.StartsWith("Did you say", StringComparison.Ordinal)) asked++;
                    string mark = "";
                    if (h.Key.Length > 0 && h.Key != m.Key)
                    {
                        if (h.DeviceAction) wrongActions++; else wrongAnswers++;
                        mark = h.DeviceAction ? "WRONG ACTION" : "wrong answer";
                    }
                    else if (m.Key.Length > 0 && h.Key != m.Key) mark = "missed";
                    if (mark.Length > 0)
                        output.WriteLine($"  {source} {mark}{(isIn ? "" : " (not in grammar)")}: '{clips[i].Said}' → '{h.Transcript}' [{h.Key}] (meant [{m.Key}]) {h.Reply}");
                }
                output.WriteLine($"| {source} | {grammar.Split('\n').Count(l => l.StartsWith('<') || l.StartsWith("public"))} | {CommandGrammar.Words(grammar).Count()} " +
                    $"| {clips.Count} | {inGrammar} | {understood} | {exact} | {right}/{understood} | {asked} | {wrongAnswers} | **{wrongActions}** | {watch.Elapsed.TotalSeconds:F0} |");
            }
        }
        finally { scratch.Delete(recursive: true); }
    }

    /// <summary>One result per input, in order: transcript, the intents done (name, device, slots) and the reply.</summary>
    static async Task<List<Heard>> Simulate(string cli, string[] args, Dictionary<string, string> env)
    {
        var r = await Proc.RunAsync(cli, args, TimeSpan.FromMinutes(30), env: env);
        var lines = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).ToList();
        if (lines.Count == 0) throw new InvalidOperationException($"{cli} wrote no result (exit {r.ExitCode}): {r.StdErr[^Math.Min(2000, r.StdErr.Length)..]}");
        return [.. lines.Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var root = doc.RootElement;
            var intents = root.TryGetProperty("intents", out var i) && i.ValueKind == JsonValueKind.Array ? i.EnumerateArray().ToList() : [];
            var key = string.Join("; ", intents.Select(x => $"{x.GetProperty("name")} {x.GetProperty("device")} {Slots(x)}").Order(StringComparer.Ordinal));
            bool action = intents.Any(x => !IntentNames.ChangesNothing(x.GetProperty("name").GetString()!));
            return new Heard(root.GetProperty("transcript").GetString() ?? "", key, root.GetProperty("reply").GetString() ?? "", action);
        })];
    }

    static string Slots(JsonElement intent) => intent.TryGetProperty("slots", out var s) && s.ValueKind == JsonValueKind.Object
        ? string.Join(",", s.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value}")) : "";
}
