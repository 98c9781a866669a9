using System.Diagnostics;
using EdgeVoice.Audio;
using EdgeVoice.Core;

namespace EdgeVoice.WakeWord.Bench;

/// <summary>Bench figures for the always-listening front end.</summary>
public sealed record WakeBenchResult(
    int Pairs, int Detected, int CommandsFound, double FalseRejectRate,
    double NonWakeHours, int FalseAccepts, double FalseAcceptsPerHour,
    double MedianLatencyMs, double P90LatencyMs, double ComputeMsPerAudioSecond, double IdleCpuPercentOfCore, double RealtimeSeconds)
{
    /// <summary>False accepts per hour on filler that also holds truncated phrases ("hey jar", "hey Jarrod").</summary>
    public double HardNearMissFaPerHour { get; init; }

    public override string ToString() =>
        $"pairs {Pairs}: wake detected {Detected}, commands {CommandsFound}, FR {FalseRejectRate:P1} | " +
        $"non-wake {NonWakeHours:F2} h: {FalseAccepts} FA = {FalseAcceptsPerHour:F2}/h (with 'hey jar'-style near misses: {HardNearMissFaPerHour:F1}/h) | " +
        $"latency after phrase end median {MedianLatencyMs:F0} ms p90 {P90LatencyMs:F0} ms (frame end, 80 ms steps) | " +
        $"compute {ComputeMsPerAudioSecond:F1} ms per audio second ({ComputeMsPerAudioSecond / 10:F2}% of a core) | " +
        $"idle CPU at real-time pace {IdleCpuPercentOfCore:F2}% of a core over {RealtimeSeconds:F0} s";
}

/// <summary>
/// EdgeVoice.WakeWord.Bench.WakeBench.Run(modelsDir): false rejects and latency on espeak-ng wake+command
/// pairs in noise, false accepts per hour on non-wake audio (real speech samples, chatter, near misses,
/// tones, noise; built once and cached under cacheDir), and CPU while idle-listening at real-time pace.
/// </summary>
public static class WakeBench
{
    public static async Task<WakeBenchResult> Run(string modelsDir, string? speechDir = null, string? cacheDir = null,
        int pairs = 100, double nonWakeHours = 2, double realtimeSeconds = 60, WakeWordOptions? options = null, Action<string>? progress = null)
    {
        progress ??= Console.WriteLine;
        cacheDir ??= Path.Combine(Path.GetTempPath(), "edgevoice-wakebench");
        speechDir ??= Path.GetFullPath(Path.Combine(modelsDir, "..", "..", "shared", "models", "speech"));
        options ??= new WakeWordOptions();
        var synth = new Synth(cacheDir);

        progress($"building {pairs} wake+command pairs");
        var wake = CachedStream(cacheDir, $"wake-{pairs}.wav", () => new StreamBuilder(synth, 1, speechDir).WakeStream(pairs));
        var (detected, found, latencies, _) = await Score(modelsDir, options, wake);

        progress($"building {nonWakeHours:F1} h of non-wake audio (cached in {cacheDir})");
        var nonWake = CachedStream(cacheDir, $"nonwake-{nonWakeHours:F2}h.wav", () => new StreamBuilder(synth, 2, speechDir).NonWakeStream(nonWakeHours * 3600));
        progress("scoring non-wake audio");
        using var fe = new VoiceFrontEnd(options, modelsDir);
        await foreach (var _ in fe.RunAsync(new ArraySource(nonWake.Samples))) { }
        int fa = (int)fe.Stats.WakeDetections;
        double computeMsPerSec = (fe.Stats.WakeCompute + fe.Stats.VadCompute).TotalMilliseconds / fe.Stats.AudioSeconds;

        var hard = CachedStream(cacheDir, "nonwake-hard-0.33h.wav", () => new StreamBuilder(synth, 3, speechDir) { HardNearMissesIncluded = true }.NonWakeStream(1200));
        using var feHard = new VoiceFrontEnd(options, modelsDir);
        await foreach (var _ in feHard.RunAsync(new ArraySource(hard.Samples))) { }
        double hardFa = feHard.Stats.WakeDetections / (hard.Seconds / 3600);

        progress($"idle listening at real-time pace for {realtimeSeconds:F0} s");
        double idle = await IdleCpu(modelsDir, options, nonWake.Samples, realtimeSeconds);

        latencies.Sort();
        return new WakeBenchResult(pairs, detected, found, 1 - (double)detected / pairs,
            nonWake.Seconds / 3600, fa, fa / (nonWake.Seconds / 3600),
            Percentile(latencies, 0.5), Percentile(latencies, 0.9), computeMsPerSec, idle, realtimeSeconds) { HardNearMissFaPerHour = hardFa };
    }

    /// <summary>Runs the front end over a wake stream: wake words matched to truth (within 300 ms before
    /// to 1 s after the phrase end), commands found, latencies, and unmatched (false) wakes.</summary>
    public static async Task<(int Detected, int CommandsFound, List<double> Latencies, int FalseWakes)> Score(string modelsDir, WakeWordOptions options, BuiltStream s)
    {
        using var fe = new VoiceFrontEnd(options, modelsDir);
        var wakes = new List<long>();
        fe.Wake += w => wakes.Add(w.StreamMs);
        var utts = new List<DetectedUtterance>();
        await foreach (var u in fe.RunAsync(new ArraySource(s.Samples))) utts.Add(u);
        int detected = 0, found = 0;
        var lat = new List<double>();
        var matched = new HashSet<long>();
        foreach (var t in s.Wakes)
        {
            var w = wakes.Where(ms => ms >= t.PhraseEndMs - 300 && ms <= t.PhraseEndMs + 1000).ToList();
            if (w.Count > 0) { detected++; lat.Add(w[0] - t.PhraseEndMs); matched.UnionWith(w); }
            if (utts.Any(u => u.WakeAtMs >= t.PhraseEndMs - 300 && u.WakeAtMs <= t.PhraseEndMs + 1000 && u.SpeechEndMs >= t.CommandEndMs - 300 && u.SpeechEndMs <= t.CommandEndMs + 1000)) found++;
        }
        return (detected, found, lat, wakes.Count(w => !matched.Contains(w)));
    }

    static async Task<double> IdleCpu(string modelsDir, WakeWordOptions options, float[] audio, double seconds)
    {
        using var fe = new VoiceFrontEnd(options, modelsDir);
        var slice = audio.AsSpan(0, Math.Min(audio.Length, (int)(seconds * 16000))).ToArray();
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await foreach (var _ in fe.RunAsync(new ArraySource(slice, realtime: true))) { }
        proc.Refresh();
        return (proc.TotalProcessorTime - cpu0).TotalSeconds / wall.Elapsed.TotalSeconds * 100;
    }

    static BuiltStream CachedStream(string dir, string name, Func<BuiltStream> build)
    {
        var wav = Path.Combine(dir, name);
        var truth = wav + ".truth.json";
        if (File.Exists(wav) && File.Exists(truth))
            return new BuiltStream(AudioConvert.Load(wav).Samples, System.Text.Json.JsonSerializer.Deserialize<List<WakeTruth>>(File.ReadAllText(truth))!);
        var s = build();
        WavWriter.Write(wav, new AudioClip(s.Samples));
        File.WriteAllText(truth, System.Text.Json.JsonSerializer.Serialize(s.Wakes));
        return s;
    }

    static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}

/// <summary>In-memory samples as an <see cref="IAudioSource"/>, optionally paced to the wall clock.</summary>
public sealed class ArraySource(float[] samples, bool realtime = false) : IAudioSource
{
    public string Name => "memory";

    public async IAsyncEnumerable<float[]> ReadFramesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        long i = 0;
        foreach (var f in WavFileSource.Frames(samples))
        {
            ct.ThrowIfCancellationRequested();
            if (realtime) await WavFileSource.Pace(clock, i, ct);
            i++;
            yield return f;
        }
    }
}
