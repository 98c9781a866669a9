namespace EdgeVoice.Audio;

/// <summary>RMS level of samples, their mean power in dB, and scaling them to a level in dBFS (wake bench, training, noise, trimming).</summary>
public static class AudioLevel
{
    /// <summary>Mean power in dB (full scale 0), -120 for digital silence.</summary>
    public static double Db(ReadOnlySpan<float> x)
    {
        double e = 0;
        foreach (var v in x) e += v * v;
        return 10 * Math.Log10(e / Math.Max(1, x.Length) + 1e-12);
    }

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
