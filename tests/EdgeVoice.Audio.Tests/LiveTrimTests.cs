using EdgeVoice.Audio;

namespace EdgeVoice.Audio.Tests;

public class LiveTrimTests
{
    const int Rate = 16000;

    static float[] Tone(double seconds, double amplitude) =>
        Enumerable.Range(0, (int)(seconds * Rate)).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * 300 * i / Rate))).ToArray();

    static float[] Noise(double seconds, double amplitude, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, (int)(seconds * Rate)).Select(_ => (float)(amplitude * (rng.NextDouble() * 2 - 1))).ToArray();
    }

    static float[] Add(float[] a, float[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    /// <summary>Feeds in 80 ms frames as the microphone does; returns everything released.</summary>
    static float[] Run(LiveTrim trim, float[] audio)
    {
        var output = new List<float>();
        for (int i = 0; i < audio.Length; i += 1280) output.AddRange(trim.Push(audio.AsSpan(i, Math.Min(1280, audio.Length - i))));
        output.AddRange(trim.Finish());
        return output.ToArray();
    }

    [Fact]
    public void Silence_before_and_after_speech_is_dropped_apart_from_the_padding()
    {
        var audio = new float[Rate].Concat(Tone(1.0, 0.3)).Concat(new float[Rate]).ToArray();
        var kept = Run(new LiveTrim(padMs: 80), audio);
        Assert.InRange(kept.Length, Rate + 2 * 1280 - 640, Rate + 2 * 1280 + 640);
    }

    [Fact]
    public void Steady_noise_at_both_ends_is_dropped_as_well()
    {
        // 10 dB over the noise: a peak-relative threshold alone keeps all of it.
        var noise = Noise(3.0, 0.03, 1);
        var speech = new float[Rate].Concat(Tone(1.0, 0.1)).Concat(new float[Rate]).ToArray();
        var kept = Run(new LiveTrim(), Add(noise, speech));
        Assert.InRange(kept.Length / (double)Rate, 0.95, 1.3);
    }

    [Fact]
    public void A_pause_inside_speech_is_released_once_speech_resumes()
    {
        var audio = Tone(0.5, 0.3).Concat(new float[Rate / 2]).Concat(Tone(0.5, 0.3)).ToArray();
        var trim = new LiveTrim(padMs: 0);
        var early = new List<float>();
        for (int i = 0; i + 1280 <= Rate; i += 1280) early.AddRange(trim.Push(audio.AsSpan(i, 1280)));
        Assert.InRange(early.Count, Rate / 2 - 320, Rate / 2 + 320); // the pause is held back
        var rest = Run(trim, audio[(Rate / 1280 * 1280)..]);
        Assert.InRange(early.Count + rest.Length, audio.Length - 640, audio.Length);
    }

    [Fact]
    public void Speech_already_under_way_when_capture_starts_is_kept()
    {
        // "hey jarvis turn on the light" in one breath: the command starts in the first frame.
        var audio = Tone(0.6, 0.3).Concat(new float[Rate]).ToArray();
        var kept = Run(new LiveTrim(padMs: 80), audio);
        Assert.InRange(kept.Length, (int)(0.6 * Rate), (int)(0.6 * Rate) + 1280 + 320);
        Assert.Equal(audio[..1000], kept[..1000]);
    }

    [Fact]
    public void Silence_only_releases_nothing()
    {
        var trim = new LiveTrim();
        Assert.Empty(Run(trim, new float[2 * Rate]));
        Assert.Equal(0, trim.Released);
    }

    [Fact]
    public void Trailing_audio_is_measured_but_never_released()
    {
        // The endpointer's silence tail in a ringing room (the front end's SpeechFeed): the decay counts for the ring,
        // but none of it reaches the decoder, which heard such ringing as words.
        var floor = Noise(3.0, 0.0003, 7);
        var tail = Tone(1.5, 0.3).Select((x, i) => (float)(x * Math.Pow(10, -60.0 / 20 * i / (0.5 * Rate)))).ToArray();
        var audio = Add(new float[Rate / 2].Concat(Tone(1.0, 0.3)).Concat(tail).ToArray(), floor);
        int words = Rate * 3 / 2 + Rate / 10;
        var pushedOnly = new LiveTrim();
        Run(pushedOnly, audio[..words]);
        Assert.Equal(double.PositiveInfinity, pushedOnly.Levels.RingMsPerDb);
        var trim = new LiveTrim();
        var released = new List<float>();
        for (int i = 0; i < words; i += 1280) released.AddRange(trim.Push(audio.AsSpan(i, Math.Min(1280, words - i))));
        long before = trim.Released;
        trim.Observe(audio.AsSpan(words));
        Assert.Equal(before, trim.Released);
        released.AddRange(trim.Finish());
        Assert.InRange(trim.Levels.RingMsPerDb!.Value, 7, 10);
        Assert.True(released.Count <= words, $"{released.Count} samples released from {words} pushed");
    }

    [Fact]
    public void How_slowly_the_sound_dies_away_after_the_last_word_is_measured()
    {
        var floor = Noise(3.0, 0.0003, 7);
        // Speech that stops dead, as in a dry room: the level falls 20 dB within a frame.
        var dry = new LiveTrim();
        Run(dry, Add(new float[Rate / 2].Concat(Tone(1.0, 0.3)).Concat(new float[Rate * 3 / 2]).ToArray(), floor));
        Assert.InRange(dry.Levels.RingMsPerDb!.Value, 0, 3);
        Assert.False(dry.Levels.EndsInNoise);
        // A room that rings on: the tone decays 60 dB in 0.5 s (8.3 ms per dB).
        var ringing = new LiveTrim();
        var tail = Tone(1.5, 0.3).Select((x, i) => (float)(x * Math.Pow(10, -60.0 / 20 * i / (0.5 * Rate)))).ToArray();
        Run(ringing, Add(new float[Rate / 2].Concat(Tone(1.0, 0.3)).Concat(tail).ToArray(), floor));
        Assert.InRange(ringing.Levels.RingMsPerDb!.Value, 7, 10);
        // Cut off while still ringing: no end seen.
        var cut = new LiveTrim();
        Run(cut, Add(new float[Rate / 2].Concat(Tone(1.0, 0.3)).Concat(tail[..(Rate / 10)]).ToArray(), floor[..(Rate * 16 / 10)]));
        Assert.Equal(double.PositiveInfinity, cut.Levels.RingMsPerDb);
        // Nothing but steady noise: no level range to fall through.
        var noise = new LiveTrim();
        Run(noise, floor);
        Assert.Null(noise.Levels.RingMsPerDb);
        Assert.True(noise.Levels.EndsInNoise);
        // The last word said softly, ending 8 dB over loud noise: no room to measure a fall in, which is not the same
        // as a dry room.
        var lost = new LiveTrim();
        var soft = new float[Rate / 2].Concat(Tone(1.0, 0.3)).Concat(Tone(0.3, 0.055)).Concat(new float[Rate * 6 / 5]).ToArray();
        Run(lost, Add(soft, Noise(3.0, 0.03, 9)));
        Assert.Null(lost.Levels.RingMsPerDb);
        Assert.True(lost.Levels.EndsInNoise);
        // The same words in a quiet room: measured.
        var quiet = new LiveTrim();
        Run(quiet, Add(soft, floor));
        Assert.NotNull(quiet.Levels.RingMsPerDb);
        Assert.False(quiet.Levels.EndsInNoise);
    }
}
