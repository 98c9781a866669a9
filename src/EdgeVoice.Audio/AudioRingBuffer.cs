namespace EdgeVoice.Audio;

/// <summary>
/// The last N samples of audio, in memory only (never written to disk: audio before the wake word is
/// private). Overwrites the oldest samples when full.
/// </summary>
public sealed class AudioRingBuffer(int capacity)
{
    readonly float[] _buf = capacity > 0 ? new float[capacity] : throw new ArgumentOutOfRangeException(nameof(capacity));
    int _next;

    public int Capacity => _buf.Length;
    public int Count { get; private set; }
    /// <summary>Samples written since creation or the last <see cref="Clear"/>.</summary>
    public long Written { get; private set; }

    public void Write(ReadOnlySpan<float> x)
    {
        Written += x.Length;
        if (x.Length >= _buf.Length) x = x[^_buf.Length..];
        int first = Math.Min(x.Length, _buf.Length - _next);
        x[..first].CopyTo(_buf.AsSpan(_next));
        x[first..].CopyTo(_buf);
        _next = (_next + x.Length) % _buf.Length;
        Count = Math.Min(_buf.Length, Count + x.Length);
    }

    /// <summary>The most recent <paramref name="n"/> samples (fewer if fewer were written), oldest first.</summary>
    public float[] Last(int n)
    {
        n = Math.Min(n, Count);
        var r = new float[n];
        int start = (_next - n + _buf.Length) % _buf.Length;
        int first = Math.Min(n, _buf.Length - start);
        _buf.AsSpan(start, first).CopyTo(r);
        _buf.AsSpan(0, n - first).CopyTo(r.AsSpan(first));
        return r;
    }

    public void Clear() { _next = 0; Count = 0; Written = 0; Array.Clear(_buf); }
}
