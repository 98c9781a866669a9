using System.Text.Json.Nodes;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Wyoming;

/// <summary>
/// One command sent to Home Assistant: run-pipeline and the audio as the front end captures it, then
/// Home Assistant's answer (transcript, spoken reply) collected until its audio-stop, an error or the timeout.
/// A turn without a link (no Home Assistant running the satellite, or muted) sends nothing.
/// </summary>
sealed class SatelliteTurn : ISpeechStream
{
    readonly WyomingConnection? _link;
    readonly ILogger _log;
    readonly TimeSpan _timeout;
    readonly long _maxReplyBytes;
    readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly MemoryStream _reply = new();
    readonly Lock _lock = new();
    PcmFormat? _replyFormat;
    string _text = "";
    bool _overflow, _ended;

    public SatelliteTurn(WyomingConnection? link, string wakeName, TimeSpan timeout, int maxReplySeconds, ILogger log)
    {
        _link = link; _log = log; _timeout = timeout;
        _maxReplyBytes = (long)maxReplySeconds * 48000 * 4 * 2;
        if (link == null) return;
        link.TryPost(new WyomingEvent("run-pipeline", new JsonObject
        {
            ["start_stage"] = "asr", ["end_stage"] = "tts", ["wake_word_name"] = wakeName, ["restart_on_end"] = false,
        }));
        var start = new JsonObject();
        PcmFormat.Pipeline.WriteTo(start);
        link.TryPost(new WyomingEvent("audio-start", start));
    }

    public WyomingConnection? Link => _link;
    public string? Error { get; private set; }

    public void Accept(ReadOnlySpan<float> samples)
    {
        if (_link == null || _overflow) return;
        var data = new JsonObject();
        PcmFormat.Pipeline.WriteTo(data);
        // A Home Assistant that stops reading would fill the queue: the command is abandoned, not buffered without end.
        if (!_link.TryPost(new WyomingEvent("audio-chunk", data, Pcm.ToBytes(new AudioClip(samples.ToArray())))))
        {
            _overflow = true;
            _log.LogWarning("satellite: Home Assistant does not keep up with the audio; command abandoned");
        }
    }

    // Home Assistant's own endpointer hears the silence after the words, as it did before the front end held it back.
    public void AcceptTrailing(ReadOnlySpan<float> samples) => Accept(samples);

    /// <summary>Ends the command audio and waits for Home Assistant's answer.</summary>
    public async Task<Transcript> EndAsync(CancellationToken ct = default)
    {
        if (_link == null) return new Transcript("", 0, Satellite.RecognizerName, IsCommand: false);
        _ended = true;
        _link.TryPost(new WyomingEvent("audio-stop"));
        try { await _done.Task.WaitAsync(_timeout, ct); }
        catch (TimeoutException) { Error = $"no answer from Home Assistant within {_timeout.TotalSeconds:F0} s"; }
        lock (_lock) return new Transcript(_text, 1, Satellite.RecognizerName);
    }

    /// <summary>An event from Home Assistant while this turn is open.</summary>
    public void OnEvent(WyomingEvent e)
    {
        lock (_lock)
        {
            switch (e.Type)
            {
                case "transcript": _text = e.Text("text") ?? ""; break;
                case "audio-start": _replyFormat = PcmFormat.From(e); _reply.SetLength(0); break;
                case "audio-chunk" when e.Payload is { } p:
                    _replyFormat ??= PcmFormat.From(e);
                    if (_reply.Length + p.Length <= _maxReplyBytes) _reply.Write(p);
                    break;
                case "audio-stop": _done.TrySetResult(); break;
                case "error": Error = e.Text("text") ?? "error"; _done.TrySetResult(); break;
            }
        }
    }

    public void Abort(string why) { Error ??= why; _done.TrySetResult(); }

    /// <summary>Home Assistant's spoken reply at 16 kHz, or null when none came.</summary>
    public AudioClip? Reply()
    {
        lock (_lock)
        {
            if (_replyFormat is not { } f || _reply.Length == 0) return null;
            var mono = Pcm.ToMono(_reply.ToArray().AsSpan(0, (int)(_reply.Length / f.FrameBytes * f.FrameBytes)), f);
            return new AudioClip(Pcm.ToPipelineRate(mono, f.Rate));
        }
    }

    public void Dispose()
    {
        // A capture the front end dropped (no speech) still ends the stream Home Assistant was sent.
        if (!_ended && _link != null) { _ended = true; _link.TryPost(new WyomingEvent("audio-stop")); }
        Abort("abandoned");
    }
}
