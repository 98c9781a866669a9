using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.WakeWord.Training;
using static EdgeVoice.WakeWord.Training.BenchTexts;

namespace EdgeVoice.Testing;

/// <summary>Where a wake phrase and its command sit in a built stream (milliseconds).</summary>
public sealed record WakeTruth(long PhraseStartMs, long PhraseEndMs, long CommandEndMs, string Voice, int Wpm, string Command);

/// <summary>A built test stream: 16 kHz mono samples plus ground truth.</summary>
public sealed record BuiltStream(float[] Samples, IReadOnlyList<WakeTruth> Wakes)
{
    /// <summary>What was placed where (start ms, description), to explain a false accept.</summary>
    public IReadOnlyList<(long StartMs, string What)> Segments { get; init; } = [];

    public string WhatAt(long ms) => Segments.LastOrDefault(x => x.StartMs <= ms).What ?? "";

    public double Seconds => Samples.Length / 16000.0;
}

/// <summary>
/// Builds long streams: wake phrase + command pairs in several espeak-ng voices and speeds, with other
/// speech, near-miss words, tones, silence and a sox noise bed at 10-20 dB SNR between them; or
/// non-wake material only, for false accepts.
/// </summary>
public sealed class StreamBuilder(Synth synth, int seed, string? speechDir = null)
{
    const int Rate = 16000;
    const double SpeechDbfs = -22;
    readonly Random _rng = new(seed);
    readonly List<float> _out = [];
    readonly List<(int Start, int End, double SnrDb)> _regions = [];
    readonly List<(long, string)> _segments = [];

    void Mark(string what) => _segments.Add((_out.Count * 1000L / Rate, what));

    /// <summary>Mix truncated wake phrases into the filler (bench "hard" figure).</summary>
    public bool HardNearMissesIncluded { get; init; }

    string Voice() => Synth.Voices[_rng.Next(Synth.Voices.Length)];
    int Wpm() => _rng.Next(130, 200);

    void Silence(double seconds) { for (int i = 0; i < (int)(seconds * Rate); i++) _out.Add(0); }
    void Put(float[] x) => _out.AddRange(x);

    /// <summary>Non-wake filler: chatter, a near miss, real speech, a tone, or silence.</summary>
    public void Filler(double seconds)
    {
        int end = _out.Count + (int)(seconds * Rate);
        while (_out.Count < end)
        {
            string v = Voice();
            switch (_rng.Next(6))
            {
                case 0 or 1: Say(Chatter[_rng.Next(Chatter.Length)], v); break;
                case 2:
                    var pool = HardNearMissesIncluded && _rng.Next(3) == 0 ? HardNearMisses : NearMisses;
                    Say(pool[_rng.Next(pool.Length)], v);
                    break;
                case 3: Mark("real speech"); Put(RealSpeech(_rng.NextDouble() * 6 + 2)); break;
                case 4: int hz = _rng.Next(200, 3000); Mark($"tone {hz} Hz"); Put(AudioLevel.Set(synth.Sox($"sine {hz}", 1), SpeechDbfs - 6)); break;
                default: Mark("noise only"); break;
            }
            Silence(_rng.NextDouble() * 1.2 + 0.2);
        }
    }

    void Say(string text, string voice)
    {
        int wpm = Wpm(), pitch = _rng.Next(30, 70);
        Mark($"'{text}' ({voice} {wpm} wpm)");
        Put(AudioLevel.Set(synth.Say(text, voice, wpm, pitch), SpeechDbfs));
    }

    float[] RealSpeech(double seconds)
    {
        var files = RealSpeechFiles();
        if (files.Length == 0) return [];
        var s = AudioConvert.Load(files[_rng.Next(files.Length)]).Samples;
        int len = Math.Min(s.Length, (int)(seconds * Rate)), start = _rng.Next(0, s.Length - len + 1);
        return AudioLevel.Set(s.AsSpan(start, len).ToArray(), SpeechDbfs + _rng.Next(-4, 3));
    }

    string[] RealSpeechFiles() => speechDir == null ? []
        : new[] { "kennedy.wav", "bush.wav", "romana.wav", "junkchunk16khz.wav", "multichannel.wav" }
            .Select(f => Path.Combine(speechDir, f)).Where(File.Exists).ToArray();

    static readonly string[] NoiseKinds = ["pinknoise", "whitenoise", "brownnoise"];

    /// <summary>Adds "wake phrase, short pause, command" and returns its truth.</summary>
    public WakeTruth WakePair(string phrase = "hey jarvis", string? voice = null, int? wpm = null)
    {
        voice ??= Voice();
        int speed = wpm ?? Wpm();
        var wake = AudioLevel.Set(synth.Say(phrase, voice, speed), SpeechDbfs);
        var command = Commands[_rng.Next(Commands.Length)];
        var cmd = AudioLevel.Set(synth.Say(command, voice, speed), SpeechDbfs);
        Mark($"WAKE '{phrase}' + '{command}' ({voice} {speed} wpm)");
        long start = _out.Count;
        Put(wake);
        long end = _out.Count;
        Silence(0.35 + _rng.NextDouble() * 0.3);
        Put(cmd);
        long cmdEnd = _out.Count;
        Silence(1.2);
        return new WakeTruth(start * 1000 / Rate, end * 1000 / Rate, cmdEnd * 1000 / Rate, voice, speed, command);
    }

    /// <summary>A stream of <paramref name="pairs"/> wake+command pairs separated by filler.</summary>
    public BuiltStream WakeStream(int pairs, double fillerSeconds = 4, string phrase = "hey jarvis")
    {
        var truth = new List<WakeTruth>();
        Silence(1);
        for (int i = 0; i < pairs; i++)
        {
            int from = _out.Count;
            Filler(fillerSeconds);
            Silence(0.8);
            var v = Synth.Voices[i % Synth.Voices.Length];
            truth.Add(WakePair(phrase, v));
            _regions.Add((from, _out.Count, 10 + _rng.NextDouble() * 10));
        }
        return Finish(truth);
    }

    /// <summary>Only non-wake material, about <paramref name="seconds"/> long.</summary>
    public BuiltStream NonWakeStream(double seconds)
    {
        while (_out.Count < seconds * Rate)
        {
            int from = _out.Count;
            Filler(Math.Min(30, seconds - _out.Count / (double)Rate) + 0.01);
            _regions.Add((from, _out.Count, 10 + _rng.NextDouble() * 10));
        }
        return Finish([]);
    }

    /// <summary>Mixes the noise bed (pink/white/brown by region) under the speech at the region's SNR.</summary>
    BuiltStream Finish(List<WakeTruth> truth)
    {
        var x = _out.ToArray();
        var beds = NoiseKinds.Select(k => synth.Sox(k, 30)).ToArray();
        int r = 0;
        foreach (var (start, end, snr) in _regions)
        {
            var bed = beds[r++ % beds.Length];
            double gain = Math.Pow(10, (SpeechDbfs - snr) / 20) / Math.Max(1e-9, AudioLevel.Rms(bed));
            int offset = _rng.Next(bed.Length);
            for (int i = start; i < end && i < x.Length; i++) x[i] += (float)(bed[(i + offset) % bed.Length] * gain);
        }
        return new BuiltStream(x, truth) { Segments = _segments.ToList() };
    }

    sealed record Placed(long StartMs, string What);

    /// <summary>
    /// A hash of everything a stream built by this builder is made from: what is asked for (<paramref name="what"/>,
    /// e.g. "nonwake 7200 s"), the seed, the options, the noise beds' and real-speech files' contents, and the
    /// generator (this file's and the texts' sources, the clip version). Call before building: it draws no random numbers.
    /// </summary>
    public string Key(string what)
    {
        var parts = new List<string> { what, $"seed {seed}", $"hard {HardNearMissesIncluded}", TestAudioCache.ClipVersion,
            TestAudioCache.Source("tests/EdgeVoice.Testing/StreamBuilder.cs"), TestAudioCache.Source("src/EdgeVoice.WakeWord/Training/BenchTexts.cs") };
        parts.AddRange(NoiseKinds.Select(k => TestAudioCache.Hash(System.Runtime.InteropServices.MemoryMarshal.AsBytes(synth.Sox(k, 30).AsSpan()))));
        parts.AddRange(RealSpeechFiles().Select(f => $"{Path.GetFileName(f)} {TestAudioCache.Hash(File.ReadAllBytes(f))}"));
        return TestAudioCache.Key(parts);
    }

    /// <summary>
    /// A built stream saved as WAV with its truth and segments beside it, and read back next time. Each file
    /// is renamed into place when complete, the WAV last: a run that sees the WAV sees the whole set.
    /// </summary>
    public static BuiltStream Cached(string dir, string name, Func<BuiltStream> build)
    {
        var wav = Path.Combine(dir, name);
        var truth = wav + ".truth.json";
        var segments = wav + ".segments.json";
        if (File.Exists(wav) && File.Exists(truth))
            return new BuiltStream(AudioConvert.Load(wav).Samples, System.Text.Json.JsonSerializer.Deserialize<List<WakeTruth>>(File.ReadAllText(truth))!)
            {
                // Streams cached before the segments were saved have none: false accepts are then listed without what was said.
                Segments = File.Exists(segments)
                    ? System.Text.Json.JsonSerializer.Deserialize<List<Placed>>(File.ReadAllText(segments))!.Select(p => (p.StartMs, p.What)).ToList()
                    : [],
            };
        var s = build();
        TestAudioCache.WriteAtomic(truth, p => File.WriteAllText(p, System.Text.Json.JsonSerializer.Serialize(s.Wakes)));
        TestAudioCache.WriteAtomic(segments, p => File.WriteAllText(p, System.Text.Json.JsonSerializer.Serialize(s.Segments.Select(x => new Placed(x.StartMs, x.What)))));
        TestAudioCache.WriteAtomic(wav, p => WavWriter.Write(p, new AudioClip(s.Samples)));
        return s;
    }
}
