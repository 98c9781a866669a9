namespace EdgeVoice.Audio;

/// <summary>
/// Seeded white, pink and brown noise, the one generator for wake-word training and the speech bench.
/// Made here rather than by sox: sox's generator is seeded once (-R) and the wake bench's noise beds
/// come from it, so training noise made this way never repeats them. The output for a seed must not
/// change: wake training depends on it (NoiseTests pins it).
/// </summary>
public static class Noise
{
    /// <summary>Adds one kind of noise (chosen by r) to x at the given RMS level in dBFS.</summary>
    public static void Mix(float[] x, Random r, double dbfs)
    {
        var n = AudioLevel.Set(r.Next(3) switch { 0 => White(r, x.Length), 1 => Pink(r, x.Length), _ => Brown(r, x.Length) }, dbfs);
        for (int i = 0; i < x.Length; i++) x[i] += n[i];
    }

    public static float[] White(Random r, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(r.NextDouble() * 2 - 1);
        return x;
    }

    /// <summary>Voss's method: the sum of 12 random rows, row k redrawn every 2^k samples (about −3 dB per octave).</summary>
    public static float[] Pink(Random r, int n)
    {
        const int Rows = 12;
        var rows = new double[Rows];
        double sum = 0;
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            // The lowest set bit of i picks the one row to redraw, so row k changes every 2^k samples.
            int k = i == 0 ? 0 : Math.Min(Rows - 1, System.Numerics.BitOperations.TrailingZeroCount(i));
            sum -= rows[k];
            rows[k] = r.NextDouble() * 2 - 1;
            sum += rows[k];
            x[i] = (float)(sum + r.NextDouble() * 2 - 1);
        }
        return x;
    }

    /// <summary>Leaky integral of white noise (−6 dB per octave above ~10 Hz).</summary>
    public static float[] Brown(Random r, int n)
    {
        var x = new float[n];
        double y = 0;
        for (int i = 0; i < n; i++) x[i] = (float)(y = 0.996 * y + (r.NextDouble() * 2 - 1) * 0.1);
        return x;
    }
}
