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
    /// <summary>Speech:Mode open with Whisper tiny.en, and the 0.5B LLM: every clip goes through both models.</summary>
    static Dictionary<string, string> LoopEnv() => new()
    {
        ["EDGEVOICE__Speech__Mode"] = "open",
        ["EDGEVOICE__Speech__WhisperModel"] = TestModels.Resolve(TestModels.WhisperTiny),
        ["EDGEVOICE__Speech__WhisperTemperatureFallback"] = "false",
        ["EDGEVOICE__Speech__AllowRandomWeights"] = "true",
        ["EDGEVOICE__Intents__LlmModel"] = TestModels.Resolve(TestModels.Qwen),
        ["EDGEVOICE__Intents__AllowRandomWeights"] = "true",
    };

    /// <summary>
    /// The whole loop with Whisper tiny.en for every clip (Speech:Mode open) and the 0.5B LLM: a random
    /// Whisper transcribes nonsense, so every clip also goes through the LLM tier, the costliest path.
    /// </summary>
    public static async Task LoopAsync(string samplesDir, int rounds)
    {
        var env = LoopEnv();
        foreach (var (k, v) in env) Environment.SetEnvironmentVariable(k, v);
        Console.WriteLine($"\nWhole loop with {Path.GetFileName(env["EDGEVOICE__Speech__WhisperModel"])} and {Path.GetFileName(env["EDGEVOICE__Intents__LlmModel"])}:");
        await PipelineBench.RunAsync(samplesDir, rounds);
    }

    /// <summary>
    /// The whole loop in two fresh processes, the same build: glibc's moving mmap threshold (before) and the host's
    /// fixed one (NativeHeap.ReturnLargeBlocks). Prints each one's tables and their peaks side by side.
    /// </summary>
    public static async Task LoopHeapAsync(string samplesDir, int rounds)
    {
        var t = new Table("native heap", "peak RSS MB", "RSS at the end MB", "freed but held by malloc at the end MB", "STT median ms", "CPU s (user+sys)");
        foreach (var (name, flag) in new[] { ("glibc's moving mmap threshold (before)", "dynamic-mmap"), ("fixed 128 KiB mmap threshold (host now)", "") })
        {
            string[] args = ["-f", "time: %U %S %M", "dotnet", typeof(ModelBench).Assembly.Location, "loop", samplesDir, rounds.ToString(), flag];
            var r = await Proc.RunAsync("/usr/bin/time", args.Where(a => a.Length > 0), TimeSpan.FromHours(2));
            if (r.ExitCode != 0) throw new InvalidOperationException($"loop ({flag}) failed ({r.ExitCode}): {r.StdErr[^Math.Min(2000, r.StdErr.Length)..]}");
            Console.WriteLine($"\n#### {name}\n{r.StdOut.Trim()}");
            string Cell(string rowStart, int column) =>
                r.StdOut.Split('\n').Last(l => l.StartsWith("| " + rowStart)).Split('|', StringSplitOptions.TrimEntries)[column];
            var cpu = System.Text.RegularExpressions.Regex.Match(r.StdErr, @"time: ([\d.]+) ([\d.]+) (\d+)");
            t.Add(name, Cell("peak RSS MB", 2), Cell("round ", 2), Cell("round ", 7), Cell("stt ", 2),
                cpu.Success ? (double.Parse(cpu.Groups[1].Value) + double.Parse(cpu.Groups[2].Value)).ToString("F0") : "n/a");
        }
        t.Print($"Whole loop, native heap before/after ({rounds} round(s) of the sample clips after a warm-up round; two processes, one after the other)");
    }

    /// <summary>
    /// A fresh CLI process with both models, one clip: launch to exit, its CPU time and peak RSS (GNU time),
    /// and the utterance's own total from its JSON line (start to ready = wall minus that).
    /// </summary>
    public static async Task ColdStartAsync(string samplesDir, int runs)
    {
        var dll = Path.Combine(Repo.Root, "src", "EdgeVoice.Host", "bin", "Release", "net10.0", "edgevoice.dll");
        var wav = Directory.GetFiles(samplesDir, "*.wav").Order().First();
        var env = LoopEnv();
        env["EDGEVOICE__Mqtt__OutboxDir"] = Repo.TempDir("coldstart");
        var t = new Table("run", "wall ms", "utterance ms", "start to ready ms", "CPU s (user+sys)", "peak RSS MB");
        var wall = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            var r = await Proc.RunAsync("/usr/bin/time", ["-f", "time: %U %S %M", "dotnet", dll, "simulate", "--json", "--wav", wav], TimeSpan.FromMinutes(10), env: env);
            double ms = sw.Elapsed.TotalMilliseconds;
            var m = System.Text.RegularExpressions.Regex.Match(r.StdErr, @"time: ([\d.]+) ([\d.]+) (\d+)");
            if (r.ExitCode != 0 && !r.StdOut.Contains("\"file\"") || !m.Success) throw new InvalidOperationException($"cold start run failed ({r.ExitCode}): {r.StdErr[^Math.Min(2000, r.StdErr.Length)..]}");
            using var line = System.Text.Json.JsonDocument.Parse(r.StdOut.Trim().Split('\n')[0]);
            double utterance = line.RootElement.GetProperty("timings_ms").GetProperty("total").GetDouble();
            wall.Add(ms);
            t.Add(i + 1, ms, utterance, ms - utterance, (double.Parse(m.Groups[1].Value) + double.Parse(m.Groups[2].Value)).ToString("F1"), double.Parse(m.Groups[3].Value) / 1024);
        }
        t.Print($"Cold start with both models: `edgevoice simulate --json --wav` (Whisper tiny.en open mode + {Path.GetFileName(env["EDGEVOICE__Intents__LlmModel"])}), fresh process each run");
    }

    /// <summary>Per model and clip, Whisper with its full 30 s window and with the window sized to the clip (Speech:WhisperAudioContext).</summary>
    /// <param name="commandOnly">Only the first sample command, not the 11 s kennedy.wav (minutes, not an hour, on a loaded machine).</param>
    public static async Task WhisperAsync(string samplesDir, int runs, bool commandOnly = false)
    {
        var command = Directory.GetFiles(samplesDir, "*.wav").Order().First();
        (string Name, AudioClip Clip)[] clips = [(Path.GetFileName(command), AudioConvert.Load(command)), ("kennedy.wav", AudioConvert.Load(Repo.Speech("kennedy.wav")))];
        if (commandOnly) clips = clips[..1];
        var t = new Table("model", "clip", "audio ctx", "total ms", "encode ms", "decode ms", "decode ms/token", "tokens", "RTF", "CPU ms/run", "CPU RTF", "target");
        foreach (var trained in new[] { TestModels.WhisperTiny, TestModels.WhisperBase })
        {
            var path = TestModels.Resolve(trained);
            foreach (var (name, clip) in clips)
                foreach (var context in new[] { "full", "auto" })
                {
                    // "encode" = one token's run (mel, encoder, prompt, one decoder step): whisper.cpp times the
                    // encoder inside that call, and the difference to the capped run is the decoder's.
                    var one = await Runs(path, clip, 1, runs, context);
                    var full = await Runs(path, clip, 48, runs, context);
                    double perToken = full.Tokens > one.Tokens ? (full.Ms - one.Ms) / (full.Tokens - one.Tokens) : double.NaN;
                    int positions = context == "full" ? WhisperRecognizer.FullAudioContext : WhisperRecognizer.AudioContextFor(clip.Duration);
                    double clipMs = clip.Duration.TotalMilliseconds;
                    t.Add(Path.GetFileName(path), $"{name} ({clip.Duration.TotalSeconds:F1} s)", $"{context} ({positions})", full.Ms, one.Ms, full.Ms - one.Ms, perToken, full.Tokens,
                        (full.Ms / clipMs).ToString("F3"), full.CpuMs, (full.CpuMs / clipMs).ToString("F3"), trained == TestModels.WhisperTiny ? "RTF <= 0.15" : "");
                }
        }
        t.Print($"Whisper (Whisper.net 1.9.1, 2 threads, greedy, token cap 48, no temperature fallback; median of {runs}; CPU RTF = CPU time / clip length)");
    }

    static double CpuMs() { using var p = Process.GetCurrentProcess(); return p.TotalProcessorTime.TotalMilliseconds; }

    static async Task<(double Ms, int Tokens, double CpuMs)> Runs(string path, AudioClip clip, int cap, int runs, string audioContext)
    {
        var o = new SpeechOptions { WhisperModel = path, AllowRandomWeights = true, WhisperMaxTokens = cap, WhisperTemperatureFallback = false, WhisperAudioContext = audioContext };
        using var w = new WhisperRecognizer(Options.Create(o), Options.Create(new EdgeVoiceOptions()), NullLogger<WhisperRecognizer>.Instance);
        await w.RunAsync(clip); // model load and warm-up
        var ms = new List<double>(); var cpu = new List<double>(); int tokens = 0;
        for (int i = 0; i < runs; i++)
        {
            double c0 = CpuMs();
            var sw = Stopwatch.StartNew();
            var r = await w.RunAsync(clip);
            ms.Add(sw.Elapsed.TotalMilliseconds);
            cpu.Add(CpuMs() - c0);
            tokens = r.Tokens;
        }
        return (Stats.Median(ms), tokens, Stats.Median(cpu));
    }

    /// <summary>Commands and near-commands the rules do not take, so the LLM tier is what answers them.</summary>
    public static readonly string[] Phrases =
    [
        "it's too dark in the kitchen", "I'd like the living room a bit warmer, say twenty two", "kill the fan", "let some light in through the blinds",
        "how long should I boil an egg", "the kitchen could use some more light", "it's freezing in here", "get some air moving in the living room",
        "I want tea, start the water", "shut the blinds, the sun is in my eyes", "dim the kitchen a little", "too stuffy, fan please",
        "make it cosy in the living room", "no more light in the kitchen", "warm it up to twenty", "the kettle can go off now",
        "open up the blinds halfway", "it's bright enough in the kitchen", "cool it down a bit", "is the fan still spinning",
    ];

    public static async Task LlmAsync(Table t, int threads = 2, int context = 1024)
    {
        var path = TestModels.Resolve(TestModels.Qwen);
        var devices = Profiles.Home.Devices;
        var load = Stopwatch.StartNew();
        using var llm = LocalLlm.Load(path, threads, context, devices, NullLogger.Instance, allowRandomWeights: true);
        double loadMs = load.Elapsed.TotalMilliseconds;
        await llm.CommandColdAsync(Phrases[0], default); // builds and saves the prefix
        var warm = new List<double>(); var warmCpu = new List<double>(); var cold = new List<double>();
        double wPre = 0, wDec = 0, cPre = 0; int wPtok = 0, wDtok = 0, cPtok = 0, coldRuns = 5;
        foreach (var p in Phrases)
        {
            double c0 = CpuMs();
            var sw = Stopwatch.StartNew();
            var g = await llm.CommandAsync(p, default);
            warm.Add(sw.Elapsed.TotalMilliseconds);
            warmCpu.Add(CpuMs() - c0);
            wPre += g.PrefillMs; wDec += g.DecodeMs; wPtok += g.PromptTokens; wDtok += g.GeneratedTokens;
        }
        foreach (var p in Phrases.Take(coldRuns))
        {
            var sw = Stopwatch.StartNew();
            var c = await llm.CommandColdAsync(p, default);
            cold.Add(sw.Elapsed.TotalMilliseconds);
            cPre += c.PrefillMs; cPtok += c.PromptTokens;
        }
        int n = Phrases.Length;
        var name = $"{Path.GetFileName(path)}, {threads} threads, ctx {context}";
        t.Add($"llm load ({name})", loadMs, double.NaN, double.NaN, 1, "");
        t.Add($"llm per command, prefix reused ({wDtok / n} tokens written on average)", Stats.Median(warm), Stats.Percentile(warm, 95), Stats.Median(warmCpu), n, "<= 400 ms");
        t.Add("llm per command, full prompt (prefix decoded again)", Stats.Median(cold), Stats.Percentile(cold, 95), double.NaN, cold.Count, "");
        t.Add($"prefill with saved prefix: {wPtok / (wPre / 1000):F0} tok/s ({wPtok / n} tokens); without: {cPtok / (cPre / 1000):F0} tok/s ({cPtok / coldRuns} tokens)",
            double.NaN, double.NaN, double.NaN, n + coldRuns, "");
        t.Add($"decode (choices between forced runs): {wDtok / (wDec / 1000):F1} tok/s, {wDec / wDtok:F0} ms/token", double.NaN, double.NaN, double.NaN, n, "");
    }
}
