using EdgeVoice.Core;
using EdgeVoice.Speech.PocketSphinx;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Speech;

/// <summary>
/// `auto` mode: the grammar recogniser first (fast, no download); when it rejects the audio as not a
/// command and a Whisper model is installed, Whisper transcribes it for the open path (LLM answers).
/// </summary>
public sealed class AutoRecognizer(GrammarRecognizer grammar, WhisperRecognizer whisper, ILogger<AutoRecognizer> log) : ISpeechToText
{
    public string Name => "auto";

    public async Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default)
    {
        var t = await grammar.TranscribeAsync(clip, ct);
        if (t.IsCommand) return t;
        if (!whisper.ModelExists)
        {
            log.LogDebug("not a command and no Whisper model at {Path}: open speech is unavailable", whisper.ModelPath);
            return t;
        }
        log.LogDebug("grammar rejected the audio (heard '{Candidate}'): asking Whisper", t.Candidate);
        return await whisper.TranscribeAsync(clip, ct);
    }
}
