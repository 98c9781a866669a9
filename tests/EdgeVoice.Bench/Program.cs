using EdgeVoice.Bench;
using Microsoft.Extensions.Logging;

// Usage: EdgeVoice.Bench <samplesDir> <cliPath> [rounds]; the broker port comes from EDGEVOICE__Mqtt__Port.
//        EdgeVoice.Bench speech [heldout] [debug] — the speech recogniser's bench alone (no broker, no CLI
//        build needed); heldout: other voices, speeds, noise and out-of-grammar sentences; debug: log each verdict.
if (args is ["speech", ..])
{
    using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)
        .SetMinimumLevel(args.Contains("debug") ? LogLevel.Debug : LogLevel.Warning));
    var opts = new EdgeVoice.Speech.SpeechOptions();
    await EdgeVoice.Speech.Bench.RunAsync(EdgeVoice.Testing.Profiles.Home, Console.Out, opts, heldOut: args.Contains("heldout"),
        log: logs.CreateLogger<EdgeVoice.Speech.PocketSphinx.GrammarRecognizer>());
    return;
}
var samples = args.Length > 0 ? args[0] : "models/samples";
var cli = args.Length > 1 ? args[1] : "artifacts/edgevoice/edgevoice";
int rounds = args.Length > 2 ? int.Parse(args[2]) : 5;
var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
    .Where(e => ((string)e.Key).StartsWith("EDGEVOICE__"))
    .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

await PipelineBench.RunAsync(samples, rounds);
await PipelineBench.ColdStartAsync(cli, Directory.GetFiles(samples, "*.wav").Order().First(), 3, env);
await StageBenches.RunAsync(samples);
