namespace EdgeVoice.TestModels;

/// <summary>ggml tensor types this generator writes (ids as in ggml.h).</summary>
enum GgmlType { F32 = 0, F16 = 1, Q5_1 = 7, Q8_0 = 8 }

/// <summary>
/// Random tensor data in ggml's layouts. Quantized blocks get random quants and a scale chosen so the
/// dequantized values have about the requested standard deviation: sane magnitudes, no NaN.
/// </summary>
static class TensorData
{
    public static long Bytes(GgmlType t, long n) => t switch
    {
        GgmlType.F32 => n * 4,
        GgmlType.F16 => n * 2,
        GgmlType.Q5_1 => n / 32 * 24,
        GgmlType.Q8_0 => n / 32 * 34,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>Writes n values: a constant when std is 0 (norm weights 1, biases 0), else random.</summary>
    public static void Write(Stream s, GgmlType t, long n, float std, float constant, Rng rng)
    {
        const int chunk = 1 << 16; // values per chunk, a multiple of every block size
        var buf = new byte[Bytes(t, chunk)];
        for (long done = 0; done < n; done += chunk)
        {
            int m = (int)Math.Min(chunk, n - done);
            var span = buf.AsSpan(0, (int)Bytes(t, m));
            Fill(span, t, m, std, constant, rng);
            s.Write(span);
        }
    }

    static void Fill(Span<byte> b, GgmlType t, int n, float std, float constant, Rng rng)
    {
        switch (t)
        {
            case GgmlType.F32:
                for (int i = 0; i < n; i++) BitConverter.TryWriteBytes(b[(i * 4)..], std == 0 ? constant : rng.Normal(std));
                break;
            case GgmlType.F16:
                for (int i = 0; i < n; i++) BitConverter.TryWriteBytes(b[(i * 2)..], (Half)(std == 0 ? constant : rng.Normal(std)));
                break;
            case GgmlType.Q8_0:
                // int8 quants uniform in [-128, 127] have a standard deviation of about 73.9
                rng.Fill(b);
                for (int k = 0; k < n / 32; k++) BitConverter.TryWriteBytes(b[(k * 34)..], (Half)(std / 73.9f));
                break;
            case GgmlType.Q5_1:
                // 5-bit quants uniform in [0, 31] (std 9.2) around a minimum of -15.5 steps: centred on 0
                rng.Fill(b);
                for (int k = 0; k < n / 32; k++)
                {
                    float d = std / 9.2f;
                    BitConverter.TryWriteBytes(b[(k * 24)..], (Half)d);
                    BitConverter.TryWriteBytes(b[(k * 24 + 2)..], (Half)(-15.5f * d));
                }
                break;
        }
    }
}
