namespace EdgeVoice.Audio.Tests;

public class ResampleTests
{
    static float[] Tone(double hz, int rate, double seconds, double amp = 0.5) =>
        Enumerable.Range(0, (int)(rate * seconds)).Select(i => (float)(amp * Math.Sin(2 * Math.PI * hz * i / rate))).ToArray();

    static double Rms(float[] x) => Math.Sqrt(x.Average(v => (double)v * v));

    /// <summary>Frequency by counting rising zero crossings over the whole signal.</summary>
    static double Frequency(float[] x, int rate)
    {
        int n = 0;
        for (int i = 1; i < x.Length; i++) if (x[i - 1] < 0 && x[i] >= 0) n++;
        return n * (double)rate / x.Length;
    }

    [Fact]
    public void OneKilohertzAt44100KeepsFrequencyAndAmplitude()
    {
        var y = AudioConvert.Resample(Tone(1000, 44100, 2), 44100, 16000);
        Assert.InRange(y.Length, 31990, 32000);
        var mid = y[1000..^1000];
        Assert.InRange(Frequency(mid, 16000), 995, 1005);
        Assert.InRange(Rms(mid), 0.5 / Math.Sqrt(2) * 0.97, 0.5 / Math.Sqrt(2) * 1.03);
    }

    [Fact]
    public void ToneNearTheNewNyquistIsAttenuated()
    {
        var pass = Rms(AudioConvert.Resample(Tone(3000, 48000, 1), 48000, 16000)[500..^500]);
        var high = Rms(AudioConvert.Resample(Tone(7500, 48000, 1), 48000, 16000)[500..^500]);
        var alias = Rms(AudioConvert.Resample(Tone(12000, 48000, 1), 48000, 16000)[500..^500]);
        Assert.InRange(pass, 0.34, 0.37);
        Assert.True(high < pass * 0.7, $"7.5 kHz kept {high / pass:P0} of the level");
        Assert.True(alias < pass * 0.05, $"12 kHz aliased at {alias / pass:P1} of the level");
    }
}
