namespace EdgeVoice.Core;

// One small interface per pipeline stage. Real and simulated implementations live beside each other
// in the stage's project and are chosen by configuration in the host.

/// <summary>What a recogniser heard. Confidence is 0..1; IsCommand is false when a grammar recogniser rejected the audio.</summary>
public sealed record Transcript(string Text, double Confidence, string Recognizer, bool IsCommand = true)
{
    /// <summary>What a grammar recogniser would have heard before it rejected the audio (diagnostics only).</summary>
    public string? Candidate { get; init; }
    /// <summary>Recogniser-specific score behind Confidence (diagnostics and tuning).</summary>
    public double? Margin { get; init; }
    /// <summary>
    /// A command the grammar accepted but is not sure of (a narrow margin, a rival nearly as good, an action or number
    /// noisy audio does not back): confirmed before it acts, by Whisper in `auto` mode when installed, else by asking the speaker.
    /// </summary>
    public bool Unsure => UnsureBecause is not null;
    /// <summary>Why the command is <see cref="Unsure"/>, for the logs ("rival 2.1/frame behind, under 10.7"); null when it is sure.</summary>
    public string? UnsureBecause { get; init; }
}

public interface ISpeechToText
{
    /// <summary>Short name reported in the JSON contract, e.g. "pocketsphinx-grammar" or "whisper".</summary>
    string Name { get; }
    Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default);
}

/// <summary>
/// A recogniser that decodes while the command is still being spoken, so that little work is left
/// when the speaker stops. The front end feeds it frame by frame.
/// </summary>
public interface IStreamingSpeechToText : ISpeechToText
{
    /// <summary>Starts one utterance. Never blocks the audio thread: audio queues while the decoder is busy.</summary>
    ISpeechStream Begin();
}

/// <summary>One utterance being decoded. Dispose without <see cref="EndAsync"/> to abandon it.</summary>
public interface ISpeechStream : IDisposable
{
    /// <summary>Adds 16 kHz mono samples in capture order (one producer).</summary>
    void Accept(ReadOnlySpan<float> samples);
    /// <summary>
    /// Audio after the end of speech that the endpointer held back (its silence tail), after every <see cref="Accept"/>:
    /// not to be decoded, though a recogniser may read the room in it (how the sound dies away). Ignored by default.
    /// </summary>
    void AcceptTrailing(ReadOnlySpan<float> samples) { }
    /// <summary>The utterance is over: the transcript, usually a few milliseconds later.</summary>
    Task<Transcript> EndAsync(CancellationToken ct = default);
}

public interface ITextToSpeech
{
    Task<AudioClip> SynthesizeAsync(string text, CancellationToken ct = default);
}

/// <summary>Where spoken replies go: ALSA on a device, a WAV file in simulation.</summary>
public interface IAudioOutput
{
    /// <returns>A path when the audio was written to a file, else null.</returns>
    Task<string?> PlayAsync(AudioClip clip, string utteranceId, CancellationToken ct = default);
    void Stop();
}

/// <summary>A recognised intent: Home Assistant intent name, the configured device, typed slots.</summary>
public sealed record Intent(string Name, string? Device, IReadOnlyDictionary<string, object> Slots)
{
    public static readonly IReadOnlyDictionary<string, object> NoSlots = new Dictionary<string, object>();
}

/// <summary>
/// The intent stage's answer for one utterance: zero or more device intents (area commands expand
/// to several), and/or a reply to speak. Tier says which tier decided ("rules", "llm", "remote", "none").
/// </summary>
public sealed record IntentResult(IReadOnlyList<Intent> Intents, string Reply, string Tier)
{
    public static IntentResult None(string reply, string tier = "none") => new([], reply, tier);
}

public interface IIntentRecognizer
{
    Task<IntentResult> RecognizeAsync(string text, CancellationToken ct = default);

    /// <summary>
    /// A transcript its recogniser was not sure of (<see cref="Transcript.Unsure"/>, nothing confirmed it):
    /// an action in it is asked back ("did you say …? say yes or no") instead of done.
    /// </summary>
    Task<IntentResult> RecognizeUnsureAsync(string text, CancellationToken ct = default) => RecognizeAsync(text, ct);
}

public sealed record PublishedMessage(string Topic, string Payload);

/// <summary>What became of one intent at the devices; the spoken reply follows it, not the intent alone.</summary>
public enum PublishStatus
{
    /// <summary>Handed to the broker.</summary>
    Sent,
    /// <summary>The broker is unreachable: kept durably and sent when it returns, unless it expires first.</summary>
    Queued,
    /// <summary>The device or action is not configured: nothing was sent.</summary>
    Refused,
    /// <summary>Nothing was sent (a bad payload template, a broken outbox).</summary>
    Failed,
}

/// <param name="Messages">Every message built for the intent (sent or kept for later), none when refused or failed.</param>
/// <param name="Error">A sentence saying what went wrong, null when sent.</param>
public sealed record PublishOutcome(PublishStatus Status, IReadOnlyList<PublishedMessage> Messages, string? Error = null);

/// <summary>Sends intents to devices. Only topics from configuration can ever be produced.</summary>
public interface IIntentPublisher
{
    /// <param name="transcript">What was said, attached to the intent event; null when not spoken.</param>
    Task<PublishOutcome> PublishAsync(Intent intent, string? transcript, CancellationToken ct = default);
}
