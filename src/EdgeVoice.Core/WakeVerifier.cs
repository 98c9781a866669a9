namespace EdgeVoice.Core;

/// <summary>
/// Second stage of the wake word: a candidate from the always-on detector is checked against the
/// recent audio (kept in memory only) by an independent recogniser. One check at a time, driven by
/// the front end's audio thread: <see cref="Start"/>, then <see cref="Continue"/> per frame, then <see cref="Stop"/>.
/// </summary>
public interface IWakeVerifier : IDisposable
{
    /// <summary>Configuration name (WakeWord:Verifier), e.g. "pocketsphinx".</summary>
    string Name { get; }

    /// <summary>Readies the verifier for the phrase at start-up; throws with what to install when it cannot.</summary>
    void Load(string phrase);

    /// <summary>Starts a check on the last second or two of audio (16 kHz mono); returns the best score so far.</summary>
    double Start(ReadOnlySpan<float> recent);

    /// <summary>Audio that follows; returns the best score since <see cref="Start"/> (higher: the phrase is clearer).</summary>
    double Continue(ReadOnlySpan<float> samples);

    /// <summary>Ends the check; the next <see cref="Start"/> begins afresh.</summary>
    void Stop();
}
