using System.Diagnostics;
using EdgeVoice.Audio;
using EdgeVoice.Core;

using EdgeVoice.Testing;
using EdgeVoice.WakeWord;
using EdgeVoice.WakeWord.Training;

namespace EdgeVoice.Bench;

/// <summary>Bench figures for the always-listening front end.</summary>
public sealed record WakeBenchResult(
    int Pairs, int Detected, int CommandsFound, double FalseRejectRate,
    double NonWakeHours, int FalseAccepts, double FalseAcceptsPerHour,
    double MedianLatencyMs, double P90LatencyMs, double ComputeMsPerAudioSecond, double IdleCpuPercentOfCore, double RealtimeSeconds)
{
    /// <summary>False accepts per hour on filler that also holds truncated phrases ("hey jar", "hey Jarrod").</summary>
    public double HardNearMissFaPerHour { get; init; }

    /// <summary>The detector measured: "openWakeWord ≥ 0.5" or "openWakeWord ≥ 0.2 + pocketsphinx ≥ -200".</summary>
    public string Detector { get; init; } = "";

    /// <summary>The voice and speed of each missed wake phrase ("en-029 151 wpm").</summary>
    public IReadOnlyList<string> MissedVoices { get; init; } = [];

    /// <summary>Where each false accept on the non-wake stream fired, and what had been placed there.</summary>
    public IReadOnlyList<string> FalseAcceptsOn { get; init; } = [];

    /// <summary>Verifier checks started per hour of non-wake audio, and candidates it rejected there.</summary>
    public double ChecksPerHour { get; init; }
    public long RejectedCandidates { get; init; }

    /// <summary>Verifier time on the frame that completed each detected wake (median, p90, max): added to the latency in wall-clock time.</summary>
    public double DecidingCallMedianMs { get; init; }
    public double DecidingCallP90Ms { get; init; }
    public double DecidingCallMaxMs { get; init; }

    public override string ToString() =>
        $"{Detector}: pairs {Pairs}: wake detected {Detected}, commands {CommandsFound}, FR {FalseRejectRate:P1} | " +
        $"non-wake {NonWakeHours:F2} h: {FalseAccepts} FA = {FalseAcceptsPerHour:F2}/h (with 'hey jar'-style near misses: {HardNearMissFaPerHour:F1}/h) | " +
        $"latency after phrase end median {MedianLatencyMs:F0} ms p90 {P90LatencyMs:F0} ms (frame end, 80 ms steps; " +
        $"plus the verifier's work on the deciding frame: median {DecidingCallMedianMs:F1} ms, p90 {DecidingCallP90Ms:F1} ms, max {DecidingCallMaxMs:F0} ms) | " +
        $"verifier checks {ChecksPerHour:F0}/h on non-wake audio, {RejectedCandidates} candidates rejected | " +
        $"compute {ComputeMsPerAudioSecond:F1} ms per audio second ({ComputeMsPerAudioSecond / 10:F2}% of a core) | " +
        $"idle CPU at real-time pace {IdleCpuPercentOfCore:F2}% of a core over {RealtimeSeconds:F0} s | missed: {string.Join(", ", MissedVoices)} | false accepts on: {string.Join(", ", FalseAcceptsOn)}";

    /// <summary>One markdown table row: detector | FR | latency | FA/h | hard FA/h | idle CPU.</summary>
    public string Row() =>
        $"| {Detector} | {FalseRejectRate:P0} | {MedianLatencyMs:F0} / {P90LatencyMs:F0} ms | {FalseAcceptsPerHour:F2} | {HardNearMissFaPerHour:F1} | {IdleCpuPercentOfCore:F1} % |";
}

/// <summary>
/// WakeBench.Run(modelsDir): false rejects and latency on espeak-ng wake+command
/// pairs in noise, false accepts per hour on non-wake audio (real speech samples, chatter, near misses,
/// tones, noise; built once and cached under cacheDir, <see cref="Set"/>), and CPU while idle-listening at real-time pace.
/// </summary>
public static class WakeBench
{
    public static async Task<WakeBenchResult> Run(string modelsDir, string? speechDir = null, string? cacheDir = null,
        int pairs = 100, double nonWakeHours = 2, double realtimeSeconds = 60, WakeWordOptions? options = null, Action<string>? progress = null,
        Func<IWakeVerifier>? verifier = null, int seed = 1)
    {
        progress ??= Console.WriteLine;
        cacheDir ??= DefaultCacheDir;
        speechDir ??= DefaultSpeechDir;
        options ??= new WakeWordOptions();
        if (options.HasVerifier && verifier == null) throw new ArgumentException($"WakeWord:Verifier is '{options.Verifier}': pass its factory", nameof(verifier));

        var (wake, nonWake, hard) = Streams(cacheDir, speechDir, seed, pairs, nonWakeHours, progress);
        var (detected, found, latencies, _, deciding, missed) = await Score(modelsDir, options, wake, verifier);
        deciding.Sort();

        progress("scoring non-wake audio");
        using var fe = FrontEnd(modelsDir, options, verifier);
        var faAt = new List<long>();
        fe.Wake += w => faAt.Add(w.StreamMs);
        await foreach (var _ in fe.RunAsync(new ArraySource(nonWake.Samples))) { }
        int fa = (int)fe.Stats.WakeDetections;
        double computeMsPerSec = (fe.Stats.WakeCompute + fe.Stats.VadCompute + fe.Gate.VerifierCompute).TotalMilliseconds / fe.Stats.AudioSeconds;

        using var feHard = FrontEnd(modelsDir, options, verifier);
        await foreach (var _ in feHard.RunAsync(new ArraySource(hard.Samples))) { }
        double hardFa = feHard.Stats.WakeDetections / (hard.Seconds / 3600);

        progress($"idle listening at real-time pace for {realtimeSeconds:F0} s");
        double idle = await IdleCpu(modelsDir, options, verifier, nonWake.Samples, realtimeSeconds);

        latencies.Sort();
        return new WakeBenchResult(pairs, detected, found, 1 - (double)detected / pairs,
            nonWake.Seconds / 3600, fa, fa / (nonWake.Seconds / 3600),
            Percentile(latencies, 0.5), Percentile(latencies, 0.9), computeMsPerSec, idle, realtimeSeconds)
        {
            HardNearMissFaPerHour = hardFa,
            MissedVoices = missed,
            FalseAcceptsOn = faAt.Select(ms => $"{ms / 1000.0:F1} s {nonWake.WhatAt(ms)}").ToList(),
            Detector = Describe(options),
            ChecksPerHour = fe.Gate.Checks / (nonWake.Seconds / 3600),
            RejectedCandidates = fe.Gate.Rejected,
            DecidingCallMedianMs = deciding.Count == 0 ? 0 : Percentile(deciding, 0.5),
            DecidingCallP90Ms = deciding.Count == 0 ? 0 : Percentile(deciding, 0.9),
            DecidingCallMaxMs = deciding.Count == 0 ? 0 : deciding[^1],
        };
    }

    /// <summary>
    /// The set of one seed (wake pairs, general non-wake audio, the part with "hey jar"), built once and
    /// cached: a held-out set can be built ahead and scored later, once, after the choice it is to judge.
    /// </summary>
    /// <param name="build">false: only read the cache, and fail naming the missing file (the sweep replays cached sets).</param>
    public static (BuiltStream Wake, BuiltStream NonWake, BuiltStream Hard) Streams(string cacheDir, string speechDir, int seed = 1,
        int pairs = 100, double nonWakeHours = 2, Action<string>? progress = null, bool build = true)
    {
        progress ??= Console.WriteLine;
        var set = Set(speechDir, seed, pairs, nonWakeHours);
        BuiltStream Get(int i, string what)
        {
            progress($"set {seed}: {what} (cached in {cacheDir})");
            var (file, make) = set[i];
            return StreamBuilder.Cached(cacheDir, file, build ? make
                : () => throw new FileNotFoundException($"{Path.Combine(cacheDir, file)} missing: run WakeBench.Run first with the same set, speech files and code"));
        }
        return (Get(0, $"{pairs} wake+command pairs"), Get(1, $"{nonWakeHours:F1} h of non-wake audio"), Get(2, "20 min with \"hey jar\""));
    }

    /// <summary>
    /// The three streams of a set: each one's cache file, named by a hash of everything it is made from (<see cref="StreamBuilder.Key"/>:
    /// the seed, the length, the speech files, the noise beds, the generator), so changed inputs are built anew instead of read stale; and how it is built.
    /// Clips come from the per-user clip cache of their espeak-ng and sox versions.
    /// </summary>
    public static (string File, Func<BuiltStream> Build)[] Set(string speechDir, int seed, int pairs, double nonWakeHours)
    {
        var synth = new Synth(TestAudioCache.Clips);
        var wake = new StreamBuilder(synth, seed, speechDir);
        var nonWake = new StreamBuilder(synth, seed + 1, speechDir);
        var hard = new StreamBuilder(synth, seed + 2, speechDir) { HardNearMissesIncluded = true };
        double seconds = nonWakeHours * 3600;
        return
        [
            ($"wake-{wake.Key($"wake {pairs} pairs")}.wav", () => wake.WakeStream(pairs)),
            ($"nonwake-{nonWake.Key(FormattableString.Invariant($"nonwake {seconds} s"))}.wav", () => nonWake.NonWakeStream(seconds)),
            ($"nonwake-hard-{hard.Key("nonwake 1200 s")}.wav", () => hard.NonWakeStream(1200)),
        ];
    }

    /// <summary>Where the sets are cached by default: beside the other generated test audio, per user.</summary>
    public static string DefaultCacheDir => Path.Combine(TestAudioCache.Dir, "wakebench");

    /// <summary>The real speech mixed into the streams by default.</summary>
    public static string DefaultSpeechDir => Path.Combine(Repo.Shared, "speech");

    public static string Describe(WakeWordOptions o)
    {
        var scoring = !o.ModelIsHead && o.Head == "none" ? "pretrained" : "head";
        var score = Describe(scoring);
        if (scoring == "head") return $"{score} ≥ {o.HeadThreshold:0.##}";
        return !o.HasVerifier ? $"{score} ≥ {o.Threshold:0.##}"
            : $"{score} ≥ {o.CandidateThreshold:0.##} + {o.Verifier} ≥ {o.VerifierThreshold:0.#} − {o.VerifierSlope:0.#}·(score − {o.CandidateThreshold:0.##})";
    }

    /// <summary>The score the thresholds see, for tables: "openWakeWord" or "head".</summary>
    static string Describe(string scoring) => scoring == "pretrained" ? "openWakeWord" : "head";

    /// <summary>A front end with its own verifier instance (disposed with it).</summary>
    static VoiceFrontEnd FrontEnd(string modelsDir, WakeWordOptions options, Func<IWakeVerifier>? verifier)
    {
        var v = options.HasVerifier ? verifier!() : null;
        try { return new VoiceFrontEnd(options, modelsDir, verifier: v); }
        catch { v?.Dispose(); throw; }
    }

    /// <summary>Runs the front end over a wake stream: wake words matched to truth (within 300 ms before
    /// to 1 s after the phrase end), commands found, latencies, unmatched (false) wakes, and the missed phrases' voices.</summary>
    public static async Task<(int Detected, int CommandsFound, List<double> Latencies, int FalseWakes, List<double> DecidingCallMs, List<string> Missed)> Score(
        string modelsDir, WakeWordOptions options, BuiltStream s, Func<IWakeVerifier>? verifier = null)
    {
        using var fe = FrontEnd(modelsDir, options, verifier);
        var wakes = new List<long>();
        fe.Wake += w => wakes.Add(w.StreamMs);
        var utts = new List<DetectedUtterance>();
        await foreach (var u in fe.RunAsync(new ArraySource(s.Samples))) utts.Add(u);
        int detected = 0, found = 0;
        var missed = new List<string>();
        var lat = new List<double>();
        var matched = new HashSet<long>();
        foreach (var t in s.Wakes)
        {
            var w = wakes.Where(ms => ms >= t.PhraseEndMs - 300 && ms <= t.PhraseEndMs + 1000).ToList();
            if (w.Count > 0) { detected++; lat.Add(w[0] - t.PhraseEndMs); matched.UnionWith(w); }
            else missed.Add($"{t.Voice} {t.Wpm} wpm");
            if (utts.Any(u => u.WakeAtMs >= t.PhraseEndMs - 300 && u.WakeAtMs <= t.PhraseEndMs + 1000 && u.SpeechEndMs >= t.CommandEndMs - 300 && u.SpeechEndMs <= t.CommandEndMs + 1000)) found++;
        }
        return (detected, found, lat, wakes.Count(w => !matched.Contains(w)), fe.Gate.DecidingCallMs.ToList(), missed);
    }

    static async Task<double> IdleCpu(string modelsDir, WakeWordOptions options, Func<IWakeVerifier>? verifier, float[] audio, double seconds)
    {
        using var fe = FrontEnd(modelsDir, options, verifier);
        var slice = audio.AsSpan(0, Math.Min(audio.Length, (int)(seconds * 16000))).ToArray();
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await foreach (var _ in fe.RunAsync(new ArraySource(slice, realtime: true))) { }
        proc.Refresh();
        return (proc.TotalProcessorTime - cpu0).TotalSeconds / wall.Elapsed.TotalSeconds * 100;
    }

    /// <summary>
    /// Threshold trade-off from one scoring pass over the streams <see cref="Run"/> cached: the front end
    /// runs with checks starting at the lowest candidate threshold but never accepting, and records each
    /// frame's openWakeWord and verifier scores; the decision (<see cref="WakeGate.Accepts"/>, 1.5 s
    /// refractory) is then replayed per setting: openWakeWord alone per threshold, and two-stage per
    /// candidate threshold × verifier threshold × verifier slope. <paramref name="patience"/> (K, N): each
    /// threshold also with the rule "K of the last N frames reach it" (measured for the head; not kept).
    /// Per setting: misses, median/p90 latency, false accepts per hour (general, and with "hey jar"-style near misses).
    /// </summary>
    public static IReadOnlyList<string> Sweep(string modelsDir, string cacheDir, int pairs = 100, double nonWakeHours = 2, double[]? thresholds = null,
        Func<IWakeVerifier>? verifier = null, double[]? candidates = null, double[]? verifierThresholds = null, double[]? slopes = null, int seed = 1,
        string scoring = "pretrained", (int K, int N)[]? patience = null, string? speechDir = null)
    {
        if (scoring is not ("pretrained" or "head")) throw new ArgumentException($"scoring '{scoring}': pretrained or head");
        if (verifier != null && scoring != "pretrained") throw new ArgumentException("the verifier runs with the pre-trained model only");
        patience ??= [(1, 1)];
        thresholds ??= [0.2, 0.3, 0.4, 0.5];
        candidates ??= [0.1, 0.2, 0.3];
        verifierThresholds ??= [-40, -30, -20, -10];
        slopes ??= [0, 100, 140, 200];
        double arm = candidates.Min();
        var (wake, nonWake, hardStream) = Streams(cacheDir, speechDir ?? DefaultSpeechDir, seed, pairs, nonWakeHours, progress: _ => { }, build: false);
        var general = Traces(modelsDir, nonWake.Samples, verifier, arm, scoring);
        var hard = Traces(modelsDir, hardStream.Samples, verifier, arm, scoring);
        var ws = Traces(modelsDir, wake.Samples, verifier, arm, scoring);
        var lines = new List<string>();
        void Line(string what, Func<WakeTrace, bool> accept, int k = 1, int n = 1)
        {
            var hits = Accepts(Patient(ws, k, n), accept);
            var lat = new List<double>();
            foreach (var t in wake.Wakes)
            {
                var hit = hits.FirstOrDefault(ms => ms >= t.PhraseEndMs - 300 && ms <= t.PhraseEndMs + 1000);
                if (hit != 0) lat.Add(hit - t.PhraseEndMs);
            }
            lat.Sort();
            lines.Add($"| {what} | {1 - (double)lat.Count / wake.Wakes.Count:P0} | {Percentile(lat, 0.5):F0} / {Percentile(lat, 0.9):F0} ms | " +
                $"{Accepts(Patient(general, k, n), accept).Count / (general.Count * 0.08 / 3600):F2} | {Accepts(Patient(hard, k, n), accept).Count / (hard.Count * 0.08 / 3600):F1} |");
        }
        lines.Add("| detector | false rejects | latency median / p90 | FA per hour | FA/h with \"hey jar\" |");
        lines.Add("|---|---|---|---|---|");
        foreach (var (k, n) in patience)
            foreach (var th in thresholds)
                Line($"{Describe(scoring)} ≥ {th:0.##}{Frames(k, n)}", t => t.Score >= th, k, n);
        if (verifier != null)
            foreach (var c in candidates)
                foreach (var v in verifierThresholds)
                    foreach (var slope in slopes)
                    {
                        var o = new WakeWordOptions { CandidateThreshold = c, VerifierThreshold = v, VerifierSlope = slope, Head = "none" };
                        Line(Describe(o), t => !double.IsNaN(t.Verifier) && WakeGate.Accepts(o, t.Score, t.Verifier));
                    }
        return lines;
    }

    static List<WakeTrace> Traces(string modelsDir, float[] x, Func<IWakeVerifier>? verifier, double arm, string scoring)
    {
        var o = verifier == null
            ? new WakeWordOptions { Verifier = WakeWordOptions.NoVerifier, Threshold = 1 }
            : new WakeWordOptions { CandidateThreshold = arm, VerifierThreshold = double.PositiveInfinity, VerifierSlope = 0 };
        if (scoring == "pretrained") o.Head = "none";
        using var fe = FrontEnd(modelsDir, o, verifier);
        var l = new List<WakeTrace>();
        fe.Trace += l.Add;
        foreach (var _ in fe.RunAsync(new ArraySource(x)).ToBlockingEnumerable()) { }
        return l;
    }

    /// <summary>Each frame's score replaced by the k-th highest of the last n (n of n: the lowest, i.e. n frames in a row must pass).</summary>
    static List<WakeTrace> Patient(List<WakeTrace> traces, int k, int n)
    {
        if (n == 1) return traces;
        var scores = traces.Select(t => t.Score).ToArray();
        return traces.Select((t, i) => t with { Score = scores[Math.Max(0, i - n + 1)..(i + 1)].OrderDescending().ElementAtOrDefault(k - 1) }).ToList();
    }

    static string Frames(int k, int n) => n == 1 ? "" : k == n ? $" on {n} frames in a row" : $" on {k} of {n} frames";

    static List<long> Accepts(List<WakeTrace> traces, Func<WakeTrace, bool> accept)
    {
        var hits = new List<long>();
        long until = 0;
        foreach (var t in traces) if (t.Ms >= until && accept(t)) { hits.Add(t.Ms); until = t.Ms + 1500; }
        return hits;
    }

    static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
