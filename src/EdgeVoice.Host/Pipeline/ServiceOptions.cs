namespace EdgeVoice.Host.Pipeline;

/// <summary>Section "Service": how the running service judges itself.</summary>
public sealed class ServiceOptions
{
    /// <summary>One utterance in the pipeline longer than this (an LLM answer on a Pi can take a minute) is a hang for the watchdog.</summary>
    public double MaxUtteranceSeconds { get; set; } = 120;
}
