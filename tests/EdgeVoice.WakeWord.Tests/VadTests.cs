using EdgeVoice.Audio;
using EdgeVoice.Testing;

namespace EdgeVoice.WakeWord.Tests;

public class VadTests
{
    static double SpeechFraction(float[] x, double threshold = 0.5)
    {
        using var vad = new SileroVad(Repo.RequiredModel("silero_vad_v5.onnx"));
        int n = 0, speech = 0;
        for (int i = 0; i + 512 <= x.Length; i += 512, n++) if (vad.Process(x.AsSpan(i, 512)) >= threshold) speech++;
        return (double)speech / n;
    }

    [Fact]
    public void ModelInputsAreFoundByInspection()
    {
        var io = SileroVad.Describe(Repo.RequiredModel("silero_vad_v5.onnx"));
        Assert.Contains("input", io.Keys);
        Assert.Contains("state", io.Keys);
        Assert.Contains("sr", io.Keys);
    }

    [Fact]
    public void RealSpeechIsMostlySpeech() =>
        Assert.InRange(SpeechFraction(AudioConvert.Load(Repo.Speech("kennedy.wav")).Samples), 0.6, 1.0);

    [Fact]
    public void SilenceAndNoiseAreNotSpeech()
    {
        Assert.Equal(0, SpeechFraction(new float[16000 * 3]));
        var rng = new Random(1);
        var white = Enumerable.Range(0, 16000 * 5).Select(_ => (float)(rng.NextDouble() - 0.5) * 0.2f).ToArray();
        Assert.InRange(SpeechFraction(white), 0, 0.05);
        var tone = Enumerable.Range(0, 16000 * 3).Select(i => 0.3f * MathF.Sin(2 * MathF.PI * 1000 * i / 16000)).ToArray();
        Assert.InRange(SpeechFraction(tone), 0, 0.05);
    }

    [Fact]
    public void WrongFrameSizeIsAClearError()
    {
        using var vad = new SileroVad(Repo.RequiredModel("silero_vad_v5.onnx"));
        Assert.Contains("512", Assert.Throws<ArgumentException>(() => vad.Process(new float[400])).Message);
    }
}
