using System.Diagnostics;
using EdgeVoice.Audio;
using EdgeVoice.Core;

namespace EdgeVoice.Testing;

/// <summary>In-memory samples as an <see cref="IAudioSource"/>, optionally paced to the wall clock.</summary>
public sealed class ArraySource(float[] samples, bool realtime = false) : IAudioSource
{
    public string Name => "memory";

    public async IAsyncEnumerable<float[]> ReadFramesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        long i = 0;
        foreach (var f in WavFileSource.Frames(samples))
        {
            ct.ThrowIfCancellationRequested();
            if (realtime) await WavFileSource.Pace(clock, i, ct);
            i++;
            yield return f;
        }
    }
}
