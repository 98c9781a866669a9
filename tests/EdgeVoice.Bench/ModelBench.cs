using System.Diagnostics;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Intents.Llm;
using EdgeVoice.Speech;
using EdgeVoice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Bench;

/// <summary>
/// Whisper and the LLM tier at the real models' shapes: the trained files when models/ has them, else the
/// random-weight stand-ins of scripts/test-models.sh. Compute does not depend on the weights' values, but
/// random weights write different (and more) tokens than a trained model would, so per-token figures are
/// the ones to carry over. Accuracy is not measured.
/// </summary>
public static class ModelBench
{
    /// <summary>
    /// The whole loop with Whisper tiny.en for every clip (Speech:Mode open) and the 0.5B LLM: a random
    /// Whisper transcribes nonsense, so every clip also goes through the LLM tier, the costliest path.
    /// </summary>
    public static async Task LoopAsync(string samplesDir, int rounds)
    {
        var env = new Dictionary<string, string>
        {
            ["EDGEVOICE__Speech__Mode"] = "open",
            ["EDGEVOICE__Speech__WhisperModel"] = TestModels.Resolve(TestModels.WhisperTiny),
            ["EDGEVOICE__Speech__WhisperTemperatureFallback"] = "false",
            ["EDGEVOICE__Speech__AllowRandomWeights"] = "true",
            ["EDGEVOICE__Intents__LlmModel"] = TestModels.Resolve(TestModels.Qwen),
            ["EDGEVOICE__Intents__AllowRandomWeights"] = "true",
        };
        foreach (var (k, v) in env) Environment.SetEnvironmentVariable(k, v);
        Console.WriteLine($"\nWhole loop with {Path.GetFileName(env["EDGEVOICE__Speech__WhisperModel"])} and {Path.GetFileName(env["EDGEVOICE__Intents__LlmModel"])}:");
        await PipelineBench.RunAsync(samplesDir, rounds);
    }

    public static async Task WhisperAsync(string samplesDir, int runs)
    {
        var command = Directory.GetFiles(samplesDir, "*.wav").Order().First();
        (string Name, AudioClip Clip)[] clips = [(Path.GetFileName(command), AudioConvert.Load(command)), ("kennedy.wav", AudioConvert.Load(Repo.Speech("kennedy.wav")))];
        var t = new Table("model", "clip", "total ms", "encode ms", "decode ms/token", "tokens", "RTF", "target");
        foreach (var trained in new[] { TestModels.WhisperTiny, TestModels.WhisperBase })
        {
            var path = TestModels.Resolve(trained);
            foreach (var (name, clip) in clips)
            {
                // "encode" = one token's run (mel, encoder, prompt, one decoder step): whisper.cpp times the
                // encoder inside that call, and the difference to the capped run is the decoder's.
                var one = await Runs(path, clip, 1, runs);
                var full = await Runs(path, clip, 48, runs);
                double perToken = full.Tokens > one.Tokens ? (full.Ms - one.Ms) / (full.Tokens - one.Tokens) : double.NaN;
                t.Add(Path.GetFileName(path), $"{name} ({clip.Duration.TotalSeconds:F1} s)", full.Ms, one.Ms, perToken, full.Tokens,
                    (full.Ms / clip.Duration.TotalMilliseconds).ToString("F3"), trained == TestModels.WhisperTiny ? "RTF <= 0.15" : "");
            }
        }
        t.Print($"Whisper (Whisper.net 1.9.1, 2 threads, greedy, token cap 48, no temperature fallback; median of {runs})");
    }

    static async Task<(double Ms, int Tokens)> Runs(string path, AudioClip clip, int cap, int runs)
    {
        var o = new SpeechOptions { WhisperModel = path, AllowRandomWeights = true, WhisperMaxTokens = cap, WhisperTemperatureFallback = false };
        using var w = new WhisperRecognizer(Options.Create(o), Options.Create(new EdgeVoiceOptions()), NullLogger<WhisperRecognizer>.Instance);
        await w.RunAsync(clip); // model load and warm-up
        var ms = new List<double>(); int tokens = 0;
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            var r = await w.RunAsync(clip);
            ms.Add(sw.Elapsed.TotalMilliseconds);
            tokens = r.Tokens;
        }
        return (Stats.Median(ms), tokens);
    }

    static readonly string[] Phrases =
        ["it's too dark in the kitchen", "I'd like the living room a bit warmer, say twenty two", "kill the fan", "let some light in through the blinds", "how long should I boil an egg"];

    public static async Task LlmAsync(Table t, int threads = 2, int context = 1024)
    {
        var path = TestModels.Resolve(TestModels.Qwen);
        var devices = Profiles.Home.Devices;
        var load = Stopwatch.StartNew();
        using var llm = LocalLlm.Load(path, threads, context, devices, NullLogger.Instance, allowRandomWeights: true);
        double loadMs = load.Elapsed.TotalMilliseconds;
        var first = await llm.CommandColdAsync(Phrases[0], default);
        var warm = new List<double>(); var cold = new List<double>();
        double wPre = 0, wDec = 0, cPre = 0; int wPtok = 0, wDtok = 0, cPtok = 0;
        foreach (var p in Phrases)
        {
            var sw = Stopwatch.StartNew();
            var g = await llm.CommandAsync(p, default);
            warm.Add(sw.Elapsed.TotalMilliseconds);
            wPre += g.PrefillMs; wDec += g.DecodeMs; wPtok += g.PromptTokens; wDtok += g.GeneratedTokens;
            sw.Restart();
            var c = await llm.CommandColdAsync(p, default);
            cold.Add(sw.Elapsed.TotalMilliseconds);
            cPre += c.PrefillMs; cPtok += c.PromptTokens;
        }
        var name = $"{Path.GetFileName(path)}, {threads} threads, ctx {context}";
        t.Add($"llm load ({name})", loadMs, double.NaN, 1, "");
        t.Add($"llm per command, prefix reused ({wDtok / Phrases.Length} tokens written on average)", Stats.Median(warm), Stats.Percentile(warm, 95), warm.Count, "<= 400 ms");
        t.Add("llm per command, full prompt", Stats.Median(cold), Stats.Percentile(cold, 95), cold.Count, "");
        t.Add($"prefill with prefix {wPtok / (wPre / 1000):F0} tok/s ({wPtok / Phrases.Length} tokens), without {cPtok / (cPre / 1000):F0} tok/s ({cPtok / Phrases.Length} tokens); decode {wDtok / (wDec / 1000):F1} tok/s ({wDec / wDtok:F0} ms/token)",
            double.NaN, double.NaN, Phrases.Length, "");
        _ = first;
    }
}
