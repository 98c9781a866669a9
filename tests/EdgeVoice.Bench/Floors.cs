using System.Globalization;
using System.Numerics;

namespace EdgeVoice.Bench;

/// <summary>
/// Diagnostic (session 36): spectral views of a clip's room that are not levels. Per clip: the envelope modulation ratio
/// (SRMR-like: energy of band envelopes modulated at 2–16 Hz, the syllable rate, against 16–50 Hz, where a dry voice's
/// onsets and offsets put energy and reverberation smooths it away), the floor's spectral tilt against the loud frames',
/// how much the floor frames' spectra vary (steady noise: little; a room's own tail: much), and how much more the highs
/// than the lows fall 50–150 ms after a loud frame (a room's tail loses its highs first).
/// </summary>
public static class Floors
{
    const int N = 512, Hop = 160;
    static readonly double[] Edges = [125, 250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000, 8000];

    /// <summary>One row per clip: family, condition, what is said, then <see cref="Features"/>.</summary>
    public static void Write(TextWriter output, string family, Spoken c)
    {
        var f = Features(c.Audio.Samples);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Join('\t', new[] { family, c.Condition, c.Said }.Concat(f.Select(x => x.ToString("F2", inv)))));
    }

    public static double[] Features(float[] x)
    {
        int frames = Math.Max(0, (x.Length - N) / Hop + 1);
        if (frames < 20) return [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN];
        int bands = Edges.Length - 1;
        var band = new double[frames, bands];
        var total = new double[frames];
        var win = Enumerable.Range(0, N).Select(i => 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / N)).ToArray();
        var buf = new Complex[N];
        for (int t = 0; t < frames; t++)
        {
            for (int i = 0; i < N; i++) buf[i] = new Complex(x[t * Hop + i] * win[i], 0);
            Fft(buf);
            double sum = 1e-12;
            for (int k = 1; k < N / 2; k++)
            {
                double p = buf[k].Real * buf[k].Real + buf[k].Imaginary * buf[k].Imaginary, hz = k * 16000.0 / N;
                sum += p;
                for (int b = 0; b < bands; b++) if (hz >= Edges[b] && hz < Edges[b + 1]) band[t, b] += p;
            }
            total[t] = 10 * Math.Log10(sum);
        }
        var sorted = total.OrderBy(v => v).ToArray();
        double p10 = sorted[frames / 10], p90 = sorted[frames * 9 / 10], max = sorted[^1];
        double Db(double p) => 10 * Math.Log10(p + 1e-12);

        // Modulation: band envelopes over the speech (first to last frame within 30 dB of the loudest, plus 0.3 s).
        int first = Array.FindIndex(total, v => v > max - 30), last = Math.Min(frames - 1, Array.FindLastIndex(total, v => v > max - 30) + 30);
        int len = 1; while (len < last - first + 1) len <<= 1;
        double low = 0, high = 0;
        for (int b = 0; b < bands; b++)
        {
            var env = new Complex[len];
            double mean = 0;
            for (int t = first; t <= last; t++) mean += Math.Sqrt(band[t, b]);
            mean /= last - first + 1;
            for (int t = first; t <= last; t++) env[t - first] = new Complex(Math.Sqrt(band[t, b]) - mean, 0);
            Fft(env);
            for (int k = 1; k < len / 2; k++)
            {
                double hz = k * 100.0 / len, p = env[k].Magnitude * env[k].Magnitude;
                if (hz >= 2 && hz < 16) low += p; else if (hz >= 16 && hz < 50) high += p;
            }
        }
        double modRatio = Db(low) - Db(high);

        // Floor against loud: tilt (4–8 kHz against 250 Hz–1 kHz) and the floor frames' spread.
        double[] Mean(Func<double, bool> pick)
        {
            var m = new double[bands]; int n = 0;
            for (int t = 0; t < frames; t++) if (pick(total[t])) { n++; for (int b = 0; b < bands; b++) m[b] += Db(band[t, b]); }
            for (int b = 0; b < bands; b++) m[b] /= Math.Max(1, n);
            return m;
        }
        var floor = Mean(v => v <= p10);
        var loud = Mean(v => v >= p90);
        double Tilt(double[] s) => (s[8] + s[9]) / 2 - (s[1] + s[2] + s[3]) / 3;
        double dTilt = Tilt(floor) - Tilt(loud);
        double spread = 0; int fn = 0;
        for (int t = 0; t < frames; t++)
        {
            if (total[t] > p10) continue;
            double d = 0, mu = 0;
            for (int b = 0; b < bands; b++) mu += Db(band[t, b]) - floor[b];
            mu /= bands;
            for (int b = 0; b < bands; b++) { double e = Db(band[t, b]) - floor[b] - mu; d += e * e; }
            spread += Math.Sqrt(d / bands); fn++;
        }
        spread /= Math.Max(1, fn);

        // Highs against lows 50–150 ms after a loud frame, where the level has fallen at least 6 dB and is still 6 dB over the floor.
        var extra = new List<double>();
        for (int t = 0; t + 15 < frames; t++)
        {
            if (total[t] < p90 - 10) continue;
            for (int j = t + 5; j <= t + 15; j++)
            {
                if (total[t] - total[j] < 6 || total[j] < p10 + 6) continue;
                double hi = Db(band[t, 8] + band[t, 9]) - Db(band[j, 8] + band[j, 9]);
                double lo = Db(band[t, 1] + band[t, 2] + band[t, 3]) - Db(band[j, 1] + band[j, 2] + band[j, 3]);
                extra.Add(hi - lo);
            }
        }
        extra.Sort();
        double hfExtra = extra.Count == 0 ? double.NaN : extra[extra.Count / 2];
        return [p90 - p10, modRatio, dTilt, spread, hfExtra];
    }

    static void Fft(Complex[] a)
    {
        int n = a.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) (a[i], a[j]) = (a[j], a[i]);
        }
        for (int size = 2; size <= n; size <<= 1)
        {
            var w = Complex.FromPolarCoordinates(1, -2 * Math.PI / size);
            for (int i = 0; i < n; i += size)
            {
                var wk = Complex.One;
                for (int k = 0; k < size / 2; k++)
                {
                    var u = a[i + k]; var v = a[i + k + size / 2] * wk;
                    a[i + k] = u + v; a[i + k + size / 2] = u - v;
                    wk *= w;
                }
            }
        }
    }
}
