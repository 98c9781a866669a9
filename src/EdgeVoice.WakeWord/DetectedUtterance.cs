using EdgeVoice.Core;

namespace EdgeVoice.WakeWord;

/// <summary>
/// One command: where the wake word (or button) happened and where speech ended, in stream milliseconds,
/// and the audio after the wake word up to the end of the utterance. Trigger is "wake", "button" or "follow-up" (the answer to a question, <see cref="VoiceFrontEnd.ListenForAnswer"/>).
/// </summary>
public sealed record DetectedUtterance(long WakeAtMs, long SpeechEndMs, AudioClip Command, string Trigger)
{
    /// <summary>Wake score that triggered (1 for the button).</summary>
    public double Score { get; init; } = 1;
    /// <summary>Why capture ended: "silence", "max-length" or "end-of-stream".</summary>
    public string EndReason { get; init; } = "silence";
    /// <summary>The command as streamed to the recogniser while spoken (<see cref="VoiceFrontEnd.Streaming"/>);
    /// the consumer ends it for the transcript, or disposes it.</summary>
    public ISpeechStream? Speech { get; init; }
    /// <summary>Where the command audio was saved when KeepCommandAudio is on.</summary>
    public string? SavedPath { get; init; }
}

/// <summary>Counters for benchmarks: how much compute the always-on part costs.</summary>
public sealed class FrontEndStats
{
    public long Frames;
    public long WakeDetections;
    public long DroppedNoSpeech;
    public long DroppedTooShort;
    public TimeSpan WakeCompute;
    public TimeSpan VadCompute;
    public double AudioSeconds => Frames * (double)EdgeVoice.Audio.AudioFrames.Ms / 1000;
}
