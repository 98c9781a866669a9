using System.Runtime.CompilerServices;

namespace EdgeVoice.Audio;

/// <summary>
/// Raw s16le PCM at 16 kHz from a stream (stdin, or arecord's stdout), interleaved with any channel
/// count, reduced to mono by a <see cref="ChannelSelector"/>. A partial last frame is zero-padded.
/// </summary>
public class RawPcmSource(Func<Stream> open, ChannelSelector selector, string name) : IAudioSource
{
    public string Name => name;

    public static RawPcmSource Stdin(ChannelSelector? selector = null) =>
        new(Console.OpenStandardInput, selector ?? new ChannelSelector(1), "stdin");

    public virtual async IAsyncEnumerable<float[]> ReadFramesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var stream = open();
        await foreach (var f in ReadAsync(stream, selector, ct)) yield return f;
    }

    internal static async IAsyncEnumerable<float[]> ReadAsync(Stream stream, ChannelSelector sel, [EnumeratorCancellation] CancellationToken ct)
    {
        var buf = new byte[AudioFrames.Samples * sel.BytesPerFrame];
        while (true)
        {
            int got = 0;
            while (got < buf.Length)
            {
                int n = await stream.ReadAsync(buf.AsMemory(got), ct);
                if (n == 0) break;
                got += n;
            }
            int whole = got - got % sel.BytesPerFrame;
            if (whole == 0) yield break;
            var frame = new float[AudioFrames.Samples];
            sel.ToMono(buf.AsSpan(0, whole), frame);
            yield return frame;
            if (got < buf.Length) yield break;
        }
    }
}
