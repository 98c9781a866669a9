using EdgeVoice.Core;
using EdgeVoice.Speech.PocketSphinx;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Speech;

/// <summary>
/// `auto` mode: the grammar recogniser first (fast, no download); when it rejects the audio as not a
/// command and a Whisper model is installed, Whisper transcribes it for the open path (LLM answers).
/// Streams like the grammar recogniser; the audio is kept in memory for Whisper until the end.
/// </summary>
public sealed class AutoRecognizer(GrammarRecognizer grammar, WhisperRecognizer whisper, ILogger<AutoRecognizer> log) : IStreamingSpeechToText
{
    public string Name => "auto";

    public async Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default) =>
        await Fallback(await grammar.TranscribeAsync(clip, ct), clip, ct);

    public ISpeechStream Begin() => new Stream(this, grammar.Begin(), whisper.ModelExists);

    async Task<Transcript> Fallback(Transcript t, AudioClip clip, CancellationToken ct)
    {
        if (t.IsCommand) return t;
        if (!whisper.ModelExists)
        {
            log.LogDebug("not a command and no Whisper model at {Path}: open speech is unavailable", whisper.ModelPath);
            return t;
        }
        log.LogDebug("grammar rejected the audio (heard '{Candidate}'): asking Whisper", t.Candidate);
        return await whisper.TranscribeAsync(clip, ct);
    }

    sealed class Stream(AutoRecognizer owner, ISpeechStream inner, bool keepAudio) : ISpeechStream
    {
        readonly List<float> _audio = [];

        public void Accept(ReadOnlySpan<float> samples)
        {
            inner.Accept(samples);
            if (keepAudio) _audio.AddRange(samples);
        }

        public async Task<Transcript> EndAsync(CancellationToken ct = default) =>
            await owner.Fallback(await inner.EndAsync(ct), new AudioClip(_audio.ToArray()), ct);

        public void Dispose() => inner.Dispose();
    }
}
