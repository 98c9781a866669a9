namespace EdgeVoice.Audio;

/// <summary>
/// A stream of 16 kHz mono audio in fixed 80 ms frames (<see cref="AudioFrames.Samples"/> floats in [-1, 1]).
/// 80 ms is openWakeWord's step, so the wake detector never has to re-chunk.
/// </summary>
public interface IAudioSource
{
    /// <summary>Short description for logs, e.g. "wav:/tmp/a.wav" or "alsa:plughw:1".</summary>
    string Name { get; }
    IAsyncEnumerable<float[]> ReadFramesAsync(CancellationToken ct = default);
}

public static class AudioFrames
{
    public const int Rate = 16000;
    public const int Samples = 1280;
    public const int Ms = Samples * 1000 / Rate;
}
