using EdgeVoice.Core;

namespace EdgeVoice.Wyoming;

/// <summary>
/// One `transcribe`: audio converted on the way in to mono and kept (at most MaxAudioSeconds), then resampled
/// whole and decoded at audio-stop, as `simulate` decodes a file. Not streamed to the recogniser while it
/// arrives: the grammar recogniser decodes utterances in the order they began, so one client that stalls
/// mid-stream would hold up every other client's transcript.
/// </summary>
sealed class AsrRequest(ISpeechToText stt, int maxSeconds)
{
    PcmFormat? _format;
    readonly List<float> _kept = [];
    long _samples;

    public bool Started => _format != null;

    public void Start(PcmFormat f) => _format = f;

    public void Add(WyomingEvent chunk)
    {
        var f = chunk.Data.ContainsKey("rate") ? PcmFormat.From(chunk) : _format ?? throw new WyomingProtocolException("audio-chunk before audio-start", "unexpected", fatal: false);
        if (_format is { } started && f != started)
            throw new WyomingProtocolException($"audio-chunk format {f.Rate} Hz/{f.Width} B/{f.Channels} ch differs from audio-start's {started.Rate}/{started.Width}/{started.Channels}", "bad-audio", fatal: false);
        if (_format == null) Start(f);
        var mono = Pcm.ToMono(chunk.Payload ?? [], f);
        _samples += mono.Length;
        if (_samples > (long)maxSeconds * f.Rate)
            throw new WyomingProtocolException($"audio stream longer than Wyoming:MaxAudioSeconds ({maxSeconds} s)", "too-long", fatal: false);
        _kept.AddRange(mono);
    }

    public async Task<Transcript> EndAsync(CancellationToken ct)
    {
        int rate = _format?.Rate ?? AudioClip.PipelineRate;
        return await stt.TranscribeAsync(new AudioClip(Pcm.ToPipelineRate([.. _kept], rate)), ct);
    }
}
