using System.Security.Cryptography;

namespace EdgeVoice.Audio.Tests;

public class NoiseTests
{
    static string Hash(float[] x)
    {
        var b = new byte[x.Length * 4];
        Buffer.BlockCopy(x, 0, b, 0, b.Length);
        return Convert.ToHexString(SHA256.HashData(b))[..16];
    }

    /// <summary>Wake training draws its noise from here: a seed must give the same samples as before the move.</summary>
    [Fact]
    public void OutputForASeedIsPinned()
    {
        Assert.Equal("4A225735E4C69E7B", Hash(Noise.White(new Random(1), 20000)));
        Assert.Equal("D5697522D34A3913", Hash(Noise.Pink(new Random(1), 20000)));
        Assert.Equal("1E8CFC313C56FEF1", Hash(Noise.Brown(new Random(1), 20000)));
        var r = new Random(1);
        var x = new float[16000];
        for (int i = 0; i < x.Length; i++) x[i] = (float)Math.Sin(i * 0.01);
        Noise.Mix(x, r, -30);
        Assert.Equal("81019510163F412F", Hash(x));
    }

    [Fact]
    public void PinkFallsAboutThreeDecibelsPerOctave()
    {
        var x = Noise.Pink(new Random(3), 1 << 14);
        // Power per Hz in the octaves 250–500 Hz and 2–4 kHz: three octaves apart, about 9 dB lower.
        double Density(double lo, double hi) => BandPower(x, lo, hi) / (hi - lo);
        double drop = 10 * Math.Log10(Density(250, 500) / Density(2000, 4000));
        Assert.InRange(drop, 7, 12);
    }

    /// <summary>Sum of DFT bin powers between lo and hi Hz at 16 kHz (plain DFT on 4096-sample blocks).</summary>
    static double BandPower(float[] x, double lo, double hi)
    {
        const int N = 4096;
        int k0 = (int)(lo * N / 16000), k1 = (int)(hi * N / 16000);
        double sum = 0;
        for (int start = 0; start + N <= x.Length; start += N)
            for (int k = k0; k < k1; k++)
            {
                double re = 0, im = 0;
                for (int i = 0; i < N; i++) { double a = 2 * Math.PI * k * i / N; re += x[start + i] * Math.Cos(a); im -= x[start + i] * Math.Sin(a); }
                sum += re * re + im * im;
            }
        return sum;
    }
}
