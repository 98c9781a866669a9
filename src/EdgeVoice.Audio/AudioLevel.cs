namespace EdgeVoice.Audio;

/// <summary>RMS level of samples, and scaling them to a level in dBFS (wake bench, training, noise).</summary>
public static class AudioLevel
{
    public static double Rms(ReadOnlySpan<float> x)
    {
        double e = 0;
        foreach (var v in x) e += v * v;
        return Math.Sqrt(e / Math.Max(1, x.Length));
    }

    /// <summary>Scales x in place to the given RMS in dBFS.</summary>
    public static float[] Set(float[] x, double dbfs)
    {
        double g = Math.Pow(10, dbfs / 20) / Math.Max(1e-9, Rms(x));
        for (int i = 0; i < x.Length; i++) x[i] = (float)(x[i] * g);
        return x;
    }
}
