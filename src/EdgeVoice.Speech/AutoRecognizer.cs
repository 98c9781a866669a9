using EdgeVoice.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Speech;

/// <summary>
/// `auto` mode: the grammar recogniser first (fast, no download). When a Whisper model is installed it
/// also hears what the grammar is not sure of: audio the grammar rejected as not a command (for the open
/// path, LLM answers), and commands it accepted but is not sure of (<see cref="Transcript.Unsure"/>), where
/// the grammar's false commands sit; there Whisper's transcript wins unless it is the same command.
/// Streams like the grammar recogniser; the audio is kept in memory for Whisper until the end.
/// </summary>
public sealed class AutoRecognizer(IStreamingSpeechToText grammar, IOpenSpeechToText whisper, DeviceCatalog devices,
    ILogger<AutoRecognizer> log) : IStreamingSpeechToText
{
    public string Name => "auto";

    public async Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default) =>
        await Decide(await grammar.TranscribeAsync(clip, ct), clip, ct);

    public ISpeechStream Begin() => new Stream(this, grammar.Begin(), whisper.Available);

    async Task<Transcript> Decide(Transcript t, AudioClip clip, CancellationToken ct)
    {
        if (t.IsCommand && !t.Unsure) return t;
        if (!whisper.Available)
        {
            log.LogDebug("{What} and no Whisper model at {Path}", t.IsCommand ? $"'{t.Text}' is not sure ({t.UnsureBecause})" : "not a command", whisper.ModelPath);
            return t;
        }
        if (!t.IsCommand)
        {
            log.LogDebug("grammar rejected the audio (heard '{Candidate}'): asking Whisper", t.Candidate);
            return await whisper.TranscribeAsync(clip, ct);
        }
        Transcript w;
        try { w = await whisper.TranscribeAsync(clip, ct); }
        catch (ModelUnavailableException e)
        {
            log.LogWarning("could not confirm '{Text}' with Whisper ({Message}); keeping the grammar's command", t.Text, e.Message);
            return t;
        }
        if (CommandMatch.SameAsWritten(t.Text, w.Text, devices.Devices))
        {
            log.LogDebug("Whisper confirms '{Text}'", t.Text);
            return t with { UnsureBecause = null };
        }
        log.LogInformation("the grammar was not sure of '{Text}' ({Why}) and Whisper heard '{Whisper}': going with Whisper",
            t.Text, t.UnsureBecause, w.Text);
        return w;
    }

    sealed class Stream(AutoRecognizer owner, ISpeechStream inner, bool keepAudio) : ISpeechStream
    {
        readonly List<float> _audio = [];

        public void Accept(ReadOnlySpan<float> samples)
        {
            inner.Accept(samples);
            if (keepAudio) _audio.AddRange(samples);
        }

        // Whisper confirms on the words only, as the grammar decodes them.
        public void AcceptTrailing(ReadOnlySpan<float> samples) => inner.AcceptTrailing(samples);

        public async Task<Transcript> EndAsync(CancellationToken ct = default) =>
            await owner.Decide(await inner.EndAsync(ct), new AudioClip(_audio.ToArray()), ct);

        public void Dispose() => inner.Dispose();
    }
}
