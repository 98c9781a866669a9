using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Speech;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Speech.Tests;

public static class SpeechFixtures
{
    public static GrammarRecognizer Grammar(EdgeVoiceOptions devices, SpeechOptions? o = null) =>
        Grammar(new Profiles.Monitor<EdgeVoiceOptions>(devices), o);

    public static GrammarRecognizer Grammar(IOptionsMonitor<EdgeVoiceOptions> devices, SpeechOptions? o = null) =>
        new(Options.Create(o ?? new SpeechOptions()), devices, NullLogger<GrammarRecognizer>.Instance);

    public static async Task<AudioClip> SayAsync(string text, string voice = "en-us", int wpm = 160, string? noiseDb = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "edgevoice-speech-cache");
        var wav = await Espeak.SayAsync(text, dir, voice, wpm);
        if (noiseDb is null) return AudioConvert.Load(wav);
        return AddNoise(AudioConvert.Load(wav), double.Parse(noiseDb), seed: text.Length);
    }

    /// <summary>White noise at the given SNR (dB) relative to the clip's own power.</summary>
    public static AudioClip AddNoise(AudioClip clip, double snrDb, int seed)
    {
        var rng = new Random(seed);
        double p = clip.Samples.Average(s => (double)s * s);
        double sigma = Math.Sqrt(p / Math.Pow(10, snrDb / 10));
        var y = clip.Samples.Select(s => (float)(s + sigma * Gaussian(rng))).ToArray();
        return new AudioClip(y);
    }

    static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
