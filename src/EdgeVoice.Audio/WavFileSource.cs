using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace EdgeVoice.Audio;

/// <summary>
/// A WAV file (any rate/format <see cref="WavReader"/> reads) as 80 ms frames at 16 kHz mono. With
/// <c>realtime</c> the frames are paced to the wall clock, as a microphone would deliver them.
/// </summary>
public sealed class WavFileSource(string path, bool realtime = false, int? channel = null) : IAudioSource
{
    public string Name => "wav:" + path;
    public bool Realtime => realtime;

    public async IAsyncEnumerable<float[]> ReadFramesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var samples = AudioConvert.Load(path, channel).Samples;
        var clock = Stopwatch.StartNew();
        int index = 0;
        foreach (var frame in Frames(samples))
        {
            ct.ThrowIfCancellationRequested();
            if (realtime) await Pace(clock, index, ct);
            index++;
            yield return frame;
        }
    }

    /// <summary>Waits until frame <paramref name="index"/> is due (its start time on the wall clock).</summary>
    public static async Task Pace(Stopwatch clock, long index, CancellationToken ct)
    {
        var due = TimeSpan.FromMilliseconds(index * AudioFrames.Ms);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
    }

    /// <summary>Splits mono samples into 80 ms frames, zero-padding the last one.</summary>
    public static IEnumerable<float[]> Frames(float[] samples)
    {
        for (int i = 0; i < samples.Length; i += AudioFrames.Samples)
        {
            var f = new float[AudioFrames.Samples];
            Array.Copy(samples, i, f, 0, Math.Min(AudioFrames.Samples, samples.Length - i));
            yield return f;
        }
    }
}
