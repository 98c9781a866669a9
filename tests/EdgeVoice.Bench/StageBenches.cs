using System.Diagnostics;
using EdgeVoice.Core;
using EdgeVoice.Intents;
using EdgeVoice.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeVoice.Bench;

/// <summary>Each stage's own benchmark, in one run so the figures can be compared.</summary>
public static class StageBenches
{
    public static async Task RunAsync(string samplesDir)
    {
        var only = Environment.GetEnvironmentVariable("BENCH_ONLY");
        bool On(string name) => string.IsNullOrEmpty(only) || only.Split(',').Contains(name);

        if (On("intents")) await Intents();
        if (On("templates")) TemplateBench.Run();
        if (On("speech"))
        {
            Console.WriteLine("\n### Speech: grammar recogniser on synthesized commands\n");
            await SpeechBench.RunAsync(Profiles.Home, Console.Out, confirming: Profiles.Factory, templates: Profiles.Templates("home"));
            Console.WriteLine("\n### Speech: the factory profile's commands (same conditions and chatter)\n");
            await SpeechBench.RunAsync(Profiles.Factory, Console.Out, templates: Profiles.Templates("factory"));
        }
        if (On("mqtt")) await Mqtt();
        if (On("wake"))
        {
            Console.WriteLine("\n### Wake word and VAD front end\n");
            // Streams are cached per user under a hash of their inputs (WakeBench.Set, shared with WakeBench.Sweep); the 2 h set takes a while the first time.
            Func<IWakeVerifier> verifier = () => new EdgeVoice.Speech.PocketSphinx.KeyphraseVerifier(new EdgeVoice.Speech.SpeechOptions());
            var rows = new List<WakeBenchResult>();
            // The default (with the head setup.sh trained), then the pre-trained model with and without the verifier.
            // BENCH_WAKE_SEED=101 measures the held-out set 2.
            int seed = int.TryParse(Environment.GetEnvironmentVariable("BENCH_WAKE_SEED"), out var sd) ? sd : 1;
            // BENCH_WAKE_DEFAULT_ONLY=1: only the default detector.
            var detectors = new[] { new EdgeVoice.WakeWord.WakeWordOptions(), new EdgeVoice.WakeWord.WakeWordOptions { Head = "none" },
                new EdgeVoice.WakeWord.WakeWordOptions { Head = "none", Verifier = "none" } };
            foreach (var o in Environment.GetEnvironmentVariable("BENCH_WAKE_DEFAULT_ONLY") == "1" ? detectors[..1] : detectors)
            {
                var r = await WakeBench.Run(Repo.Models, WakeBench.DefaultSpeechDir,
                    options: o, verifier: verifier, progress: s => Console.Error.WriteLine(s), seed: seed);
                Console.WriteLine(r);
                rows.Add(r);
            }
            Console.WriteLine("\n| detector | false rejects | latency median / p90 | FA per hour | FA/h with \"hey jar\" | idle CPU |\n|---|---|---|---|---|---|");
            foreach (var r in rows) Console.WriteLine(r.Row());
        }
        if (On("hardware"))
        {
            Console.WriteLine("\n### Hardware and telemetry (simulated GPIO/SPI)\n");
            HardwareBench.Run(Console.Out);
            TelemetryBench.Run(Console.Out);
        }
    }

    /// <summary>Rules tier latency over the text test set; the LLM tier when its model exists.</summary>
    static async Task Intents()
    {
        var tsv = Path.Combine(Repo.Root, "tests", "EdgeVoice.Intents.Tests", "utterances.tsv");
        var cases = File.ReadLines(tsv).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        var times = new List<double>();
        foreach (var round in Enumerable.Range(0, 5))
            foreach (var c in cases)
            {
                using var engine = Engines.Create(c[0], new IntentOptions { LlmModel = "/dev/null/none.gguf" });
                var sw = Stopwatch.StartNew();
                await engine.RecognizeAsync(c[2]);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        var t = new Table("tier", "median ms", "p95 ms", "n", "target");
        t.Add("rules (fast path)", Stats.Median(times), Stats.Percentile(times, 95), times.Count, "<= 5 ms");
        // The LLM tier's rows (trained model or its random-weight stand-in) are in `EdgeVoice.Bench models`.
        t.Print("Intents");
    }

    static async Task Mqtt()
    {
        Console.WriteLine("\n### MQTT against a real Mosquitto on loopback\n");
        await using var broker = await MosquittoBroker.StartAsync();
        // Graceful stops: a killed broker loses the bench subscriber's own session, which is not ours to count.
        await MqttBench.RunAsync(broker.Host, broker.Port, broker.StopGracefullyAsync, broker.StartAsync, output: Console.Out);
    }
}
