namespace EdgeVoice.Host.Pipeline;

/// <summary>Section "Utterance": limits for push-to-talk clips (<see cref="UtteranceGuard"/>).</summary>
public sealed class UtteranceOptions
{
    /// <summary>Push-to-talk utterances longer than this are rejected rather than decoded for minutes.</summary>
    public double MaxSeconds { get; set; } = 30;
    /// <summary>Below this RMS level (dBFS) the clip is treated as silence.</summary>
    public double SilenceDbfs { get; set; } = -60;
}
