using System.Diagnostics;
using EdgeVoice.Audio;

namespace EdgeVoice.WakeWord.Training;

/// <summary>How much synthetic audio <see cref="WakeTrainer"/> makes (segments per kind) and how it trains.</summary>
public sealed record WakeTrainOptions
{
    public string Phrase { get; init; } = "hey jarvis";
    public int Wakes { get; init; } = 900;
    public int NearMisses { get; init; } = 700;
    public int Chatter { get; init; } = 400;
    public int Words { get; init; } = 250;
    public int NoiseAndTones { get; init; } = 150;
    /// <summary>The validation split is this share of each count, in <see cref="TrainingText.ValidationVoices"/> only.</summary>
    public double ValidationShare { get; init; } = 0.2;
    public int Seed { get; init; } = 2027;
    /// <summary>The detection threshold the validation figures are reported at (the detector's HeadThreshold).</summary>
    public double Threshold { get; init; } = new WakeWordOptions().HeadThreshold;
    public TrainOptions Train { get; init; } = new();
    /// <summary>espeak-ng clips are cached here (kept between runs).</summary>
    public string CacheDir { get; init; } = Path.Combine(Path.GetTempPath(), "edgevoice-waketrain");
    /// <summary>Real speech clips to use as negatives (never the bench's).</summary>
    public string[] RealSpeech { get; init; } = Directory.Exists("/usr/share/sounds/alsa") ? Directory.GetFiles("/usr/share/sounds/alsa", "*.wav") : [];
}

/// <summary>
/// Trains a <see cref="WakeHead"/> for any phrase from synthetic audio: the phrase in many espeak-ng voices,
/// speeds and pitches, after silence or other speech, with noise at 5-25 dB SNR, as positives (the frames
/// whose window ends 0-300 ms after the phrase); chatter, words, noise, tones, real speech and near misses
/// derived from the phrase (<see cref="TrainingText.NearMisses"/>) as negatives. The segments are laid
/// end to end into streams and run through openWakeWord's front end exactly as the detector sees audio.
/// </summary>
public static class WakeTrainer
{
    const int Rate = 16000, Step = OpenWakeWord.StepSamples;
    const int PositiveMs = 300, BeforeEndSkipMs = 160, AfterEndSkipMs = 1200;

    enum Kind { Wake, Near, Chatter, Word, Noise, Tone, Real }

    sealed record Segment(Kind Kind, float[] Audio, int PhraseEnd, string What);

    /// <summary>One frame of a built stream: its window, its label (NaN: not trained on) and its segment.</summary>
    sealed record Frame(float[] X, float Label, int Segment, long EndSample);

    public static WakeHead Run(string modelsDir, WakeTrainOptions o, Action<string> progress)
    {
        var clock = Stopwatch.StartNew();
        string phrase = o.Phrase.Trim().ToLowerInvariant();
        if (phrase.Length == 0) throw new ArgumentException("empty wake phrase");
        TrainingText.CheckHeldOut(TrainingText.Sentences.Concat(TrainingText.Commands).Concat(TrainingText.Words));
        var near = TrainingText.NearMisses(phrase, o.Seed);
        progress($"phrase '{phrase}': {near.Count} near misses by rule, e.g. {string.Join(", ", near.Take(8).Select(x => $"'{x}'"))}");
        var synth = new Synth(o.CacheDir);
        var oww = Path.Combine(modelsDir, "openwakeword");

        progress($"synthesising training audio in {TrainingText.Voices.Length} voices (clips cached in {o.CacheDir})");
        var train = Build(synth, o, phrase, near, TrainingText.Voices, o.Seed, 1);
        progress($"synthesising validation audio in {TrainingText.ValidationVoices.Length} other voices");
        var val = Build(synth, o, phrase, near, TrainingText.ValidationVoices, o.Seed + 1, o.ValidationShare);
        progress($"{clock.Elapsed.TotalSeconds:F0} s: {Minutes(train):F0} + {Minutes(val):F0} min of audio; computing openWakeWord features");
        var trainFrames = Features(oww, train, subsample: true);
        var valFrames = Features(oww, val, subsample: false);
        var examples = trainFrames.Where(f => !float.IsNaN(f.Label))
            .Select(f => new Example(f.X, f.Label, train[f.Segment].Kind == Kind.Near ? 2 : 1)).ToList();
        int pos = examples.Count(e => e.Label > 0.5f);
        progress($"{clock.Elapsed.TotalSeconds:F0} s: {examples.Count} training frames ({pos} wake); training {o.Train.Hidden} hidden units, {o.Train.Epochs} epochs");
        var head = HeadTrainer.Train(examples, phrase, o.Train, progress);

        var (fr, faPerHour, nearRate) = Validate(head, val, valFrames, (float)o.Threshold);
        progress($"{clock.Elapsed.TotalSeconds:F0} s: validation (own split, other voices) at {o.Threshold:0.##}: FR {fr:P1}; {faPerHour:F1} false wakes/h on a mix dense with near misses ({nearRate:P1} of them wake), a sanity check, not the detector's everyday rate (see scripts/bench.sh)");
        foreach (var (k, v) in new Dictionary<string, string>
        {
            ["trained"] = DateTime.UtcNow.ToString("u"),
            ["seconds"] = clock.Elapsed.TotalSeconds.ToString("F0"),
            ["seed"] = o.Seed.ToString(),
            ["segments"] = string.Join(", ", train.GroupBy(s => s.Kind).Select(g => $"{g.Key} {g.Count()}")),
            ["trainingMinutes"] = Minutes(train).ToString("F1"),
            ["frames"] = $"{examples.Count} ({pos} wake)",
            ["voices"] = string.Join(" ", TrainingText.Voices),
            ["validationVoices"] = string.Join(" ", TrainingText.ValidationVoices),
            ["nearMisses"] = string.Join(" | ", near),
            ["validation"] = $"at {o.Threshold:0.##}: FR {fr:P1} of {val.Count(s => s.Kind == Kind.Wake)}, {faPerHour:F2} false wakes/h over {Minutes(val):F0} min dense with near misses, {nearRate:P1} of the near misses waking",
            ["hidden"] = o.Train.Hidden.ToString(), ["epochs"] = o.Train.Epochs.ToString(),
        }) head.Info[k] = v;
        return head;
    }

    static double Minutes(List<Segment> s) => s.Sum(x => x.Audio.Length) / (double)Rate / 60;

    /// <summary>The segments of one split: per kind the count (scaled), each built from its own seeded random source.</summary>
    static List<Segment> Build(Synth synth, WakeTrainOptions o, string phrase, List<string> near, string[] voices, int seed, double scale)
    {
        int N(int n) => Math.Max(1, (int)Math.Round(n * scale));
        var kinds = Enumerable.Repeat(Kind.Wake, N(o.Wakes)).Concat(Enumerable.Repeat(Kind.Near, N(o.NearMisses)))
            .Concat(Enumerable.Repeat(Kind.Chatter, N(o.Chatter))).Concat(Enumerable.Repeat(Kind.Word, N(o.Words)))
            .Concat(Enumerable.Range(0, N(o.NoiseAndTones)).Select(i => (i % 3) switch { 0 => Kind.Noise, 1 => Kind.Tone, _ => o.RealSpeech.Length > 0 ? Kind.Real : Kind.Noise }))
            .ToArray();
        new Random(seed).Shuffle(kinds);
        var segs = new Segment[kinds.Length];
        Parallel.For(0, kinds.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => segs[i] = Make(synth, o, kinds[i], phrase, near, voices, new Random(seed * 7919 + i)));
        return [.. segs];
    }

    static Segment Make(Synth synth, WakeTrainOptions o, Kind kind, string phrase, List<string> near, string[] voices, Random r)
    {
        string voice = voices[r.Next(voices.Length)];
        double level = -30 + r.NextDouble() * 14;
        float[] Say(string text) => AudioLevel.Set(synth.Say(text, voice, r.Next(115, 215), r.Next(25, 76)), level + r.NextDouble() * 4 - 2);
        float[] Silence(double s) => new float[(int)(s * Rate)];
        var parts = new List<float[]>();
        string text = kind switch
        {
            Kind.Wake => phrase,
            Kind.Near => near[r.Next(near.Count)],
            Kind.Chatter => TrainingText.Sentences[r.Next(TrainingText.Sentences.Length)],
            Kind.Word => TrainingText.Words[r.Next(TrainingText.Words.Length)],
            _ => kind.ToString().ToLowerInvariant(),
        };
        // What comes before: silence, or other speech (the window then holds both).
        double lead = r.NextDouble();
        if (kind is Kind.Wake or Kind.Near && lead >= 0.4)
        {
            parts.Add(Say(lead < 0.75 ? TrainingText.Sentences[r.Next(TrainingText.Sentences.Length)] : TrainingText.Words[r.Next(TrainingText.Words.Length)]));
            parts.Add(Silence(0.1 + r.NextDouble() * 0.5));
        }
        else parts.Add(Silence(0.2 + r.NextDouble() * 0.8));
        parts.Add(kind switch
        {
            Kind.Noise => Silence(2 + r.NextDouble() * 2),
            Kind.Tone => AudioLevel.Set(Tones(r, 1 + r.NextDouble() * 2), level - 6),
            Kind.Real => AudioLevel.Set(AudioConvert.Load(o.RealSpeech[r.Next(o.RealSpeech.Length)]).Samples, level),
            _ => Say(text),
        });
        int phraseEnd = kind == Kind.Wake ? parts.Sum(p => p.Length) : -1;
        parts.Add(Silence(0.3 + r.NextDouble() * 0.4));
        // Wake phrases and near misses are often followed by a command, as in use.
        if (kind is Kind.Wake or Kind.Near && r.Next(2) == 0) parts.Add(Say(TrainingText.Commands[r.Next(TrainingText.Commands.Length)]));
        parts.Add(Silence(0.5 + r.NextDouble() * 0.8));
        var audio = parts.SelectMany(p => p).ToArray();
        Noise.Mix(audio, r, level - (5 + r.NextDouble() * 20));
        return new Segment(kind, audio, phraseEnd, $"{kind} '{text}' ({voice})");
    }

    /// <summary>Music-like notes: 1-3 sines per note, 0.15-0.5 s each with a short fade.</summary>
    static float[] Tones(Random r, double seconds)
    {
        var x = new float[(int)(seconds * Rate)];
        for (int start = 0; start < x.Length;)
        {
            int len = Math.Min(x.Length - start, (int)((0.15 + r.NextDouble() * 0.35) * Rate));
            var hz = Enumerable.Range(0, r.Next(1, 4)).Select(_ => 150 + r.NextDouble() * 2850).ToArray();
            for (int i = 0; i < len; i++)
            {
                double env = Math.Min(1, Math.Min(i, len - i) / 160.0);
                x[start + i] = (float)(env * hz.Sum(f => Math.Sin(2 * Math.PI * f * i / Rate)) / hz.Length);
            }
            start += len;
        }
        return x;
    }

    /// <summary>Lays the segments end to end in two streams (one per core), runs openWakeWord over each and labels every frame.</summary>
    static List<Frame> Features(string owwDir, List<Segment> segs, bool subsample)
    {
        const int Streams = 2;
        var result = new List<Frame>[Streams];
        Parallel.For(0, Streams, s =>
        {
            var mine = Enumerable.Range(0, segs.Count).Where(i => i % Streams == s).ToList();
            var frames = new List<Frame>();
            using var oww = new OpenWakeWord(owwDir, null);
            var dc = new DcBlocker();
            var at = new List<(long Start, int Seg)>();
            var ends = new List<long>();
            long pos = 0;
            foreach (var i in mine)
            {
                at.Add((pos, i));
                if (segs[i].PhraseEnd >= 0) ends.Add(pos + segs[i].PhraseEnd);
                pos += segs[i].Audio.Length;
            }
            var x = new float[pos + Step];
            foreach (var (start, i) in at) segs[i].Audio.CopyTo(x, start);
            var step = new float[Step];
            int seg = 0, e = 0;
            bool keep = false;
            for (long k = 0; (k + 1) * Step <= x.Length; k++)
            {
                Array.Copy(x, k * Step, step, 0, Step);
                dc.Process(step);
                oww.Process(step);
                long end = (k + 1) * Step;
                while (seg + 1 < at.Count && at[seg + 1].Start < end) seg++;
                while (e < ends.Count && ends[e] < end - AfterEndSkipMs * 16) e++;
                if (!oww.WindowReady) continue;
                float label = Label(end, e < ends.Count ? ends[e] : long.MaxValue, e + 1 < ends.Count ? ends[e + 1] : long.MaxValue);
                // Neighbouring negative windows overlap by 15/16: every other one is enough, except for near misses.
                keep = !keep;
                if (subsample && label == 0 && !keep && segs[at[seg].Seg].Kind != Kind.Near) continue;
                if (subsample && float.IsNaN(label)) continue;
                frames.Add(new Frame(oww.Window.ToArray(), label, at[seg].Seg, end));
            }
            result[s] = frames;
        });
        return [.. result.SelectMany(f => f)];
    }

    /// <summary>1 for windows ending 0-300 ms after a phrase end, NaN near that (not trained on), else 0.</summary>
    static float Label(long end, long phraseEnd, long nextEnd)
    {
        foreach (var pe in new[] { phraseEnd, nextEnd })
        {
            if (pe == long.MaxValue) continue;
            long d = (end - pe) / 16;
            if (d >= 0 && d <= PositiveMs) return 1;
            if (d >= -BeforeEndSkipMs && d <= AfterEndSkipMs) return float.NaN;
        }
        return 0;
    }

    /// <summary>
    /// Detection figures on the validation split at a threshold: wake segments missed (no frame within
    /// 300 ms before to 1 s after the phrase end), false wakes per hour elsewhere (1.5 s refractory), and
    /// the share of near-miss segments that wake.
    /// </summary>
    static (double Fr, double FaPerHour, double NearRate) Validate(WakeHead head, List<Segment> segs, List<Frame> frames, float threshold)
    {
        var hits = new List<Frame>();
        long until = -1;
        foreach (var f in frames.OrderBy(f => f.Segment % 2).ThenBy(f => f.EndSample))
        {
            if (f.EndSample < until && hits.Count > 0 && hits[^1].Segment % 2 == f.Segment % 2) continue;
            if (head.Score(f.X) >= threshold) { hits.Add(f); until = f.EndSample + 1500 * 16; }
        }
        var wakeHits = hits.Where(f => f.Label == 1 || float.IsNaN(f.Label)).Select(f => f.Segment).ToHashSet();
        int wakes = segs.Count(s => s.Kind == Kind.Wake);
        int missed = Enumerable.Range(0, segs.Count).Count(i => segs[i].Kind == Kind.Wake && !wakeHits.Contains(i));
        var falseHits = hits.Where(f => f.Label == 0).ToList();
        double nonWakeHours = segs.Where(s => s.Kind != Kind.Wake).Sum(s => s.Audio.Length) / (double)Rate / 3600;
        int nearSegs = segs.Count(s => s.Kind == Kind.Near);
        double nearRate = nearSegs == 0 ? 0 : falseHits.Where(f => segs[f.Segment].Kind == Kind.Near).Select(f => f.Segment).Distinct().Count() / (double)nearSegs;
        return (wakes == 0 ? 0 : missed / (double)wakes, falseHits.Count / Math.Max(1e-9, nonWakeHours), nearRate);
    }
}
