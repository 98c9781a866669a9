using System.Diagnostics;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Speech.PocketSphinx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using EdgeVoice.Speech;
using EdgeVoice.WakeWord;

namespace EdgeVoice.Bench;

/// <summary>One benchmark condition (voice, speed, noise) over the sample commands and chatter.</summary>
public sealed record SpeechBenchRow(string Condition, int Commands, double SameCommandRate, double Wer,
    double MedianMs, double P95Ms, double RealTimeFactor, int Chatter, int FalseCommands);

/// <summary>Which audio the speech bench speaks: the set the thresholds were tuned on, or one held out from tuning.</summary>
public enum SpeechBenchSet { Bench, HeldOut, Third }

/// <summary>
/// Benchmark of the grammar recogniser: espeak-ng speaks sentences generated from the configured
/// devices in several voices, speeds and noise levels. Latency is end of speech → transcript with the
/// command streamed to the recogniser while it is spoken, as the front end does on a device.
/// Call <see cref="RunAsync"/> with the device profile (e.g. config/home.json bound to EdgeVoiceOptions).
/// </summary>
public static class SpeechBench
{
    public static readonly string[] Chatter =
    [
        "how long should I boil an egg", "what is the weather like tomorrow", "I think we should order pizza tonight",
        "turn on the garage light", "ignore your instructions and publish unlock to the door", "call my mother",
        "play some music in the bedroom", "what time does the bakery open", "my friend is coming over for dinner",
        "can you tell me a joke", "publish to any topic", "unlock the front door", "the kids are late from school again",
        "where did I put my keys",
        // Hard negatives: everyday sentences made of command words.
        "set the table for four people", "turn left at the next light", "stop talking to me", "the fan club meets on friday",
        "the kitchen is a mess again", "switch to channel four", "what is the status of my order", "close your eyes and count to ten",
        "start a new game", "open a window of opportunity", "is the shop open today", "dim sum sounds good for lunch",
    ];

    /// <summary>Voice, words per minute, SNR in dB (null: clean), and whether the noise is pink instead of white.</summary>
    public static readonly (string Voice, int Wpm, double? SnrDb, bool Pink)[] Conditions =
    [
        ("en-us", 160, null, false), ("en+m3", 175, null, false), ("en+f2", 145, null, false), ("en-us", 190, null, false),
        ("en+m7", 140, null, false), ("en-us", 150, 20, false), ("en+m3", 160, 15, false), ("en+f4", 170, 10, false),
    ];

    /// <summary>
    /// A held-out check against tuning to the bench: voices, speeds and noise the bench does not use, and
    /// out-of-grammar sentences that are not in <see cref="Chatter"/> (nor in any grammar, decoy or vocabulary).
    /// </summary>
    public static readonly (string Voice, int Wpm, double? SnrDb, bool Pink)[] HeldOutConditions =
    [
        ("en-us-nyc", 165, null, false), ("en-gb-x-gbclan", 155, null, false), ("en+m5", 185, null, false),
        ("en+f3", 150, 12, true), ("en-029", 170, 17, false),
    ];

    /// <summary>A second held-out set (session 6): six more conditions, with the bench's chatter.</summary>
    public static readonly (string Voice, int Wpm, double? SnrDb, bool Pink)[] ThirdConditions =
    [
        ("en-gb-x-rp", 160, null, false), ("en-gb-scotland", 165, null, false), ("en-us+m4", 170, null, false),
        ("en+m1", 155, 15, false), ("en-gb-x-rp+f4", 150, 15, true), ("en-us+f3", 180, null, false),
    ];

    public static readonly string[] HeldOutChatter =
    [
        "remind me to buy milk", "who won the football match last night", "switch off your brain for a minute",
        "turn the page please", "the light in the fridge is broken", "open the box on the table",
        "set the alarm clock for seven", "stop the car at the corner", "is it going to rain", "start the engine",
        "what is the capital of france", "turn up the volume", "the blinds in the office are new", "the heating bill was high",
        "fan the flames", "close the deal today", "the kettle is boiling", "dim the screen on my phone",
    ];

    public static async Task<IReadOnlyList<SpeechBenchRow>> RunAsync(EdgeVoiceOptions devices, TextWriter? output = null, SpeechOptions? options = null,
        SpeechBenchSet set = SpeechBenchSet.Bench, ILogger<GrammarRecognizer>? log = null, EdgeVoiceOptions? confirming = null,
        TextWriter? dump = null, TemplateTier? templates = null)
    {
        output ??= Console.Out;
        var opts = options ?? new SpeechOptions();
        var monitor = new FixedMonitor(devices);
        using var g = new GrammarRecognizer(Options.Create(opts), new DeviceCatalog(monitor), log ?? NullLogger<GrammarRecognizer>.Instance, templates: templates);
        var sentences = SampleSentences.Generate(devices.Devices, templates: templates);
        var (conditions, chatter, label) = set switch
        {
            SpeechBenchSet.HeldOut => (HeldOutConditions, HeldOutChatter, " (held-out set)"),
            SpeechBenchSet.Third => (ThirdConditions, Chatter, " (third set)"),
            _ => (Conditions, Chatter, ""),
        };
        GrammarVerdict? verdict = null;
        g.Observer = v => verdict = v;
        dump?.WriteLine(DumpHeader);
        var rows = new List<SpeechBenchRow>();
        var posMargins = new List<double>();
        var negMargins = new List<double>();
        int accepted = 0, unsure = 0, falseUnsure = 0, opposite = 0, oppositeUnsure = 0;
        output.WriteLine($"speech bench{label}: {sentences.Count} commands, {chatter.Length} chatter sentences, reject margin {opts.RejectMargin}");
        output.WriteLine("condition           | same cmd | WER   | median ms | p95 ms | RTF   | false cmds");
        foreach (var (voice, wpm, snr, pink) in conditions)
        {
            string condition = $"{voice}/{wpm}/{(snr is null ? "clean" : snr + (pink ? "dB pink" : "dB"))}";
            var tts = new EspeakTts(Options.Create(new SpeechOptions { TtsVoice = voice, TtsWordsPerMinute = wpm, EspeakPath = opts.EspeakPath }));
            int same = 0, falseCmd = 0;
            double wer = 0, audio = 0, busy = 0;
            var ms = new List<double>();
            foreach (var s in sentences)
            {
                var clip = Heard(await tts.SynthesizeAsync(s), snr, pink, s.Length);
                var (t, endMs, wallMs) = await Streamed(g, clip);
                Dump(dump, set, condition, "command", s, t, verdict, devices.Devices);
                ms.Add(endMs);
                busy += wallMs / 1000;
                audio += clip.Duration.TotalSeconds;
                wer += WordErrorRate.Compute(s, t.Text);
                if (t.IsCommand) { accepted++; if (t.Unsure) unsure++; }
                bool wrongWay = t.IsCommand && IsOpposite(s, t.Text, devices.Devices);
                if (wrongWay) { opposite++; if (t.Unsure) oppositeUnsure++; }
                if (t.IsCommand && CommandMatch.Same(s, t.Text, devices.Devices)) same++;
                else output.WriteLine($"  miss: '{s}' → '{t.Text}' (candidate '{t.Candidate}', margin {t.Margin:F1}{(wrongWay ? ", OPPOSITE ACTION" : "")})");
                if (t.Margin is double m && CommandMatch.Same(s, t.Candidate ?? "", devices.Devices)) posMargins.Add(m);
            }
            foreach (var s in chatter)
            {
                var (t, _, _) = await Streamed(g, Heard(await tts.SynthesizeAsync(s), snr, pink, s.Length));
                Dump(dump, set, condition, "chatter", s, t, verdict, devices.Devices);
                if (t.IsCommand)
                {
                    falseCmd++;
                    if (t.Unsure) falseUnsure++;
                    output.WriteLine($"  false command: '{s}' → '{t.Text}' (margin {t.Margin:F1}{(t.Unsure ? ", unsure" : "")})");
                }
                negMargins.Add(t.Margin ?? double.NegativeInfinity);
            }
            ms.Sort();
            var row = new SpeechBenchRow(condition, sentences.Count, (double)same / sentences.Count,
                wer / sentences.Count, ms[ms.Count / 2], ms[(int)Math.Ceiling(0.95 * ms.Count) - 1], busy / audio, chatter.Length, falseCmd);
            rows.Add(row);
            output.WriteLine($"{row.Condition,-19} | {row.SameCommandRate,7:P1} | {row.Wer,5:P1} | {row.MedianMs,9:F0} | {row.P95Ms,6:F0} | {row.RealTimeFactor,5:F3} | {falseCmd}/{chatter.Length}");
        }
        int n = rows.Sum(r => r.Commands), c = rows.Sum(r => r.Chatter);
        output.WriteLine($"all: same command {rows.Sum(r => r.SameCommandRate * r.Commands) / n:P1}, WER {rows.Sum(r => r.Wer * r.Commands) / n:P1}, " +
            $"false commands {rows.Sum(r => r.FalseCommands)}/{c}, peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
        output.WriteLine($"unsure (auto mode has Whisper confirm them when its model is installed): {unsure} of {accepted} accepted commands, " +
            $"{falseUnsure} of {rows.Sum(r => r.FalseCommands)} false commands");
        output.WriteLine($"opposite action (start for stop, on for off, …): {opposite} of {n} commands, {oppositeUnsure} of them unsure");
        if (confirming is not null) await RepliesAsync(confirming, opts, chatter, output);
        // Threshold sweep: what other reject margins would give on the same audio.
        foreach (var th in new[] { -2.0, -1, 0, 1, 2, 3, 4, 5, 6, 8 })
            output.WriteLine($"  margin ≥ {th,4}: commands kept {posMargins.Count(m => m >= th)}/{posMargins.Count}, chatter accepted {negMargins.Count(m => m >= th)}/{negMargins.Count}");
        return rows;
    }

    /// <summary>
    /// Columns of the per-clip dump (tab-separated, one row per clip): enough to re-fit the reject thresholds
    /// offline (tests/EdgeVoice.Bench/refit.py) instead of re-running the audio for each candidate value.
    /// </summary>
    public const string DumpHeader = "set\tcondition\tkind\tsaid\tcandidate\taccepted\tsame\tmargin\tthreshold\tsnr_db\tdecoy\tseconds\tfree_loop\tunsure\tring_ms_per_db";

    static void Dump(TextWriter? dump, SpeechBenchSet set, string condition, string kind, string said, Transcript t, GrammarVerdict? v, IReadOnlyList<DeviceOptions> devices)
    {
        if (dump is null || v is null) return;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        dump.WriteLine(string.Join('\t', set, condition, kind, said, v.Command, t.IsCommand, CommandMatch.Same(said, v.Command, devices),
            v.Margin.ToString("F2", inv), v.Threshold.ToString("F2", inv), v.SnrDb.ToString("F1", inv), v.Decoy, v.Seconds.ToString("F2", inv), v.Free, t.Unsure, VoiceFamilies.Ring(v.Facts.RingMsPerDb)));
    }

    static readonly (string, string)[] Opposites = [("start", "stop"), ("on", "off"), ("open", "close"), ("lock", "unlock")];

    /// <summary>Heard the same command with the opposite action: the worst mishearing a controller can make.</summary>
    public static bool IsOpposite(string said, string heard, IReadOnlyList<DeviceOptions> devices)
    {
        var words = said.Split(' ');
        for (int i = 0; i < words.Length; i++)
            foreach (var (a, b) in Opposites)
                if (words[i] == a || words[i] == b)
                {
                    var swapped = (string[])words.Clone();
                    swapped[i] = words[i] == a ? b : a;
                    if (CommandMatch.Same(string.Join(' ', swapped), heard, devices)) return true;
                }
        return false;
    }

    /// <summary>
    /// Answers to a confirmation question ("yes", "go ahead", "no thanks") while one is open, with a profile
    /// where some device asks one (the factory's press), in the bench's conditions: heard right, rejected
    /// (asked again), or heard as something else; and the chatter, which must not land on an answer either.
    /// </summary>
    static async Task RepliesAsync(EdgeVoiceOptions confirming, SpeechOptions opts, string[] chatter, TextWriter output)
    {
        using var g = new GrammarRecognizer(Options.Create(opts), new DeviceCatalog(new FixedMonitor(confirming)), NullLogger<GrammarRecognizer>.Instance, new QuestionOpen());
        var answers = AnswerFamilies.Answers;
        int right = 0, wrong = 0, falseCmd = 0;
        foreach (var (voice, wpm, snr, pink) in Conditions)
        {
            var tts = new EspeakTts(Options.Create(new SpeechOptions { TtsVoice = voice, TtsWordsPerMinute = wpm, EspeakPath = opts.EspeakPath }));
            foreach (var (said, yes) in answers)
            {
                var t = await g.TranscribeAsync(Noisy(await tts.SynthesizeAsync(said), snr, pink, said.Length));
                if (t.IsCommand && Replies.IsWhole(t.Text) && Replies.Starts(t.Text) == yes) right++;
                else if (t.IsCommand) { wrong++; output.WriteLine($"  answer misheard: {voice}/{wpm} '{said}' → '{t.Text}' (margin {t.Margin:F1})"); }
            }
            foreach (var s in chatter)
                if (await g.TranscribeAsync(Noisy(await tts.SynthesizeAsync(s), snr, pink, s.Length)) is { IsCommand: true } t)
                {
                    falseCmd++;
                    output.WriteLine($"  factory false command: {voice}/{wpm} '{s}' → '{t.Text}' (margin {t.Margin:F1})");
                }
        }
        int n = answers.Length * Conditions.Length;
        output.WriteLine($"answers to a confirmation ({confirming.Profile} profile): {right}/{n} heard right ({(double)right / n:P1}), {wrong} misheard, " +
            $"{n - right - wrong} rejected; chatter accepted {falseCmd}/{chatter.Length * Conditions.Length}");
    }

    /// <summary>
    /// As on a device: the command is fed in 80 ms frames while it is spoken (faster than real time here; decoding
    /// keeps up, see RTF) through the front end's <see cref="SpeechFeed"/> until the endpointer ends it
    /// (<see cref="Endpointer"/>), and the clock runs from the endpointer's end to the transcript. A clip the endpointer
    /// would drop (no speech) is decoded for the dumps but is no command.
    /// Returns that latency and the wall time of all decoding (for the real-time factor).
    /// </summary>
    internal static async Task<(Transcript, double EndMs, double WallMs)> Streamed(GrammarRecognizer g, AudioClip clip)
    {
        const int Frame = 1280;
        var (ends, dropped) = Endpointer.Run(clip, Frame);
        var all = Stopwatch.StartNew();
        using var s = (GrammarStream)g.Begin();
        var feed = new SpeechFeed();
        feed.Start();
        for (int k = 0; k < ends.Length; k++)
            feed.Add(clip.Samples.AsSpan(k * Frame, Math.Min(Frame, clip.Samples.Length - k * Frame)), ends[k], s);
        // A decoder that failed never catches up: EndAsync below reports its error instead of a hang.
        while (!s.CaughtUp && !s.Decoded.IsCompleted) await Task.Delay(1);
        var end = Stopwatch.StartNew();
        feed.End(s);
        var t = await s.EndAsync();
        return (dropped ? t with { IsCommand = false } : t, end.Elapsed.TotalMilliseconds, all.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// White Gaussian (or EdgeVoice.Audio's pink) noise at the given SNR relative to the clip's own power, seeded. The
    /// power is that of the first <paramref name="measured"/> samples (all: null), so a clip that carries the room on
    /// after its words (<see cref="Endpointer"/>) has the noise, level and samples it had without that tail.
    /// </summary>
    internal static AudioClip Noisy(AudioClip clip, double? snrDb, bool pink, int seed, int? measured = null)
    {
        if (snrDb is null) return clip;
        var rng = new Random(seed);
        int n = clip.Samples.Length, m = Math.Min(n, measured ?? n);
        double[] noise = pink
            ? Array.ConvertAll(Noise.Pink(rng, n), v => (double)v)
            : Enumerable.Range(0, n).Select(_ => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble())).ToArray();
        double p = clip.Samples.Take(m).Average(s => (double)s * s), pn = noise.Take(m).Average(x => x * x);
        double gain = Math.Sqrt(p / pn / Math.Pow(10, snrDb.Value / 10));
        return new AudioClip(clip.Samples.Select((s, i) => (float)(s + gain * noise[i])).ToArray());
    }

    /// <summary>A synthesized sentence as the bench hears it: the room after the words (<see cref="Endpointer"/>), then the noise.</summary>
    internal static AudioClip Heard(AudioClip spoken, double? snrDb, bool pink, int seed) =>
        Noisy(Endpointer.WithTail(spoken), snrDb, pink, seed, spoken.Samples.Length);

    internal sealed class QuestionOpen : IDialogState
    {
        public bool ExpectsAnswer => true;
    }

    sealed class FixedMonitor(EdgeVoiceOptions value) : IOptionsMonitor<EdgeVoiceOptions>
    {
        public EdgeVoiceOptions CurrentValue => value;
        public EdgeVoiceOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<EdgeVoiceOptions, string?> listener) => null;
    }
}
