using System.Runtime.InteropServices;

namespace EdgeVoice.TestModels;

/// <summary>
/// SplitMix64, seeded per tensor from its name: a tensor's values do not depend on the order tensors are
/// written in, and the same seed always gives the same file.
/// </summary>
sealed class Rng(ulong seed)
{
    ulong _s = seed;

    public static Rng For(string tensor, ulong seed)
    {
        ulong h = 14695981039346656037UL ^ seed;
        foreach (char c in tensor) h = (h ^ c) * 1099511628211UL;
        return new Rng(h);
    }

    public ulong Next()
    {
        ulong z = _s += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public void Fill(Span<byte> bytes)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        for (int i = 0; i < words.Length; i++) words[i] = Next();
        for (int i = words.Length * 8; i < bytes.Length; i++) bytes[i] = (byte)Next();
    }

    /// <summary>About normal with the given standard deviation (sum of four uniforms: bounded, no outliers).</summary>
    public float Normal(float std)
    {
        ulong r = Next();
        double s = (r & 0xFFFF) + ((r >> 16) & 0xFFFF) + ((r >> 32) & 0xFFFF) + (r >> 48);
        return (float)((s / 65535.0 - 2.0) * Math.Sqrt(3.0) * std);
    }
}
