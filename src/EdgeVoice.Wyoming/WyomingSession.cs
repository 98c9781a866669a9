using System.Text.Json.Nodes;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Wyoming;

/// <summary>
/// Serves one connection, one event at a time: the next event is read only when the last one is handled,
/// so TCP's own flow control holds back a client that sends faster than the stages run.
/// </summary>
sealed class WyomingSession(WyomingConnection conn, WyomingStages stages, WyomingOptions o, ILogger log) : IAsyncDisposable
{
    AsrRequest? _asr;
    WakeRequest? _wake;

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            WyomingEvent? e;
            try { e = await conn.Reader.ReadAsync(ct); }
            catch (WyomingProtocolException p) when (!p.Fatal) { await Refuse(p, ct); continue; }
            if (e == null) return;
            try { await HandleAsync(e, ct); }
            catch (WyomingProtocolException p) when (!p.Fatal) { await Refuse(p, ct); }
            catch (Exception x) when (x is not (OperationCanceledException or IOException or WyomingProtocolException))
            {
                // A stage that fails (espeak-ng missing, a model that cannot load) fails this request only.
                log.LogError("wyoming {Peer}: {Type} failed: {Error}", conn.Peer, e.Type, x.Message);
                await ResetAsync();
                await conn.SendAsync(WyomingEvent.Error($"{e.Type} failed: {x.Message}", "failed"), ct);
            }
        }
    }

    async Task Refuse(WyomingProtocolException p, CancellationToken ct)
    {
        log.LogWarning("wyoming {Peer}: {Error}", conn.Peer, p.Message);
        await conn.SendAsync(WyomingEvent.Error(p.Message, p.Code), ct);
    }

    async Task HandleAsync(WyomingEvent e, CancellationToken ct)
    {
        if (stages.Satellite?.Owns(conn) == true && _asr == null && _wake == null && await stages.Satellite.HandleAsync(conn, e, ct)) return;
        switch (e.Type)
        {
            case "ping": await conn.SendAsync(new WyomingEvent("pong", e.Text("text") is { } t ? new JsonObject { ["text"] = t } : new JsonObject()), ct); break;
            case "describe": await conn.SendAsync(stages.Info(), ct); break;
            case "transcribe": Transcribe(); break;
            case "detect": await DetectAsync(e); break;
            case "audio-start": await AudioStartAsync(e); break;
            case "audio-chunk": await AudioChunkAsync(e, ct); break;
            case "audio-stop": await AudioStopAsync(ct); break;
            case "synthesize": await SynthesizeAsync(e, ct); break;
            case "recognize": await RecognizeAsync(e, ct); break;
            case "run-satellite" or "pause-satellite":
                if (stages.Satellite == null) throw Unsupported("this device is not configured as a satellite (Wyoming:Satellite:Enabled)");
                await stages.Satellite.HandleAsync(conn, e, ct);
                break;
            default: throw Unsupported($"event type \"{e.Type}\" is not supported here");
        }
    }

    static WyomingProtocolException Unsupported(string why) => new(why, "unsupported", fatal: false);

    void Transcribe()
    {
        if (stages.Stt == null) throw Unsupported("speech to text is not offered (Wyoming:Asr)");
        Reset();
        _asr = new AsrRequest(stages.Stt, o.MaxAudioSeconds);
    }

    async Task DetectAsync(WyomingEvent e)
    {
        if (stages.Wake is not { } pool) throw Unsupported("wake word detection is not offered (Wyoming:Wake)");
        if (e.Data["names"] is JsonArray names && names.Count > 0 && !names.Any(n => n?.GetValueKind() == System.Text.Json.JsonValueKind.String && pool.Matches(n.GetValue<string>())))
            throw Unsupported($"none of the wake words asked for is offered (this device detects \"{pool.Name}\")");
        await ResetAsync();
        var fe = pool.Rent() ?? throw new WyomingProtocolException($"all {o.MaxWakeSessions} wake detectors are busy; try again later", "busy", fatal: false);
        _wake = new WakeRequest(pool, fe, conn, o.MaxAudioSeconds);
    }

    async Task AudioStartAsync(WyomingEvent e)
    {
        var f = PcmFormat.From(e);
        if (_wake != null) { if (!_wake.Started) _wake.Start(f); return; }
        // Plain audio without a transcribe first is transcribed, as other Wyoming speech services do.
        if (_asr == null) Transcribe();
        if (!_asr!.Started) _asr.Start(f);
        await Task.CompletedTask;
    }

    async Task AudioChunkAsync(WyomingEvent e, CancellationToken ct)
    {
        if (_wake != null) { await _wake.AddAsync(e, ct); return; }
        if (_asr == null) throw new WyomingProtocolException("audio-chunk without transcribe, detect or audio-start", "unexpected", fatal: false);
        _asr.Add(e);
    }

    async Task AudioStopAsync(CancellationToken ct)
    {
        if (_wake is { } wake)
        {
            _wake = null;
            bool detected;
            try { detected = await wake.EndAsync(); }
            finally { await wake.DisposeAsync(); }
            if (!detected) await conn.SendAsync(new WyomingEvent("not-detected"), ct);
            return;
        }
        if (_asr is not { } asr) throw new WyomingProtocolException("audio-stop without an audio stream", "unexpected", fatal: false);
        _asr = null;
        {
            var t = await asr.EndAsync(ct);
            // A command the grammar accepted only narrowly, that nothing confirmed, is not passed on: Home
            // Assistant would act on it without the question the device itself asks first.
            var text = t.Unsure ? "" : t.Text;
            log.LogInformation("wyoming {Peer}: transcript \"{Text}\" ({Recognizer}{Unsure})", conn.Peer, text, t.Recognizer, t.Unsure ? $", not sure ({t.UnsureBecause}): withheld" : "");
            await conn.SendAsync(new WyomingEvent("transcript", new JsonObject { ["text"] = text, ["language"] = stages.Language }), ct);
        }
    }

    async Task SynthesizeAsync(WyomingEvent e, CancellationToken ct)
    {
        if (stages.Tts == null) throw Unsupported("text to speech is not offered (Wyoming:Tts)");
        var text = e.Text("text");
        if (string.IsNullOrWhiteSpace(text)) throw new WyomingProtocolException("synthesize: \"text\" is missing or empty", "bad-request", fatal: false);
        if (text.Length > 2000) throw new WyomingProtocolException($"synthesize: text of {text.Length} characters is over the limit of 2000", "too-long", fatal: false);
        var clip = await stages.Tts.SynthesizeAsync(text, ct);
        await SendAudioAsync(conn, clip, ct);
    }

    /// <summary>audio-start, 16-bit mono chunks of about 64 ms, audio-stop.</summary>
    internal static async Task SendAudioAsync(WyomingConnection conn, AudioClip clip, CancellationToken ct)
    {
        var f = new PcmFormat(clip.SampleRate, 2, 1);
        JsonObject Format() { var d = new JsonObject(); f.WriteTo(d); return d; }
        await conn.SendAsync(new WyomingEvent("audio-start", Format()), ct);
        var bytes = Pcm.ToBytes(clip);
        int chunk = clip.SampleRate / 1000 * 64 * 2;
        for (int i = 0; i < bytes.Length; i += chunk)
            await conn.SendAsync(new WyomingEvent("audio-chunk", Format(), bytes[i..Math.Min(bytes.Length, i + chunk)]), ct);
        await conn.SendAsync(new WyomingEvent("audio-stop"), ct);
    }

    async Task RecognizeAsync(WyomingEvent e, CancellationToken ct)
    {
        if (stages.Intents == null) throw Unsupported("intent recognition is not offered (Wyoming:Intent)");
        var text = e.Text("text");
        if (string.IsNullOrWhiteSpace(text)) throw new WyomingProtocolException("recognize: \"text\" is missing or empty", "bad-request", fatal: false);
        var r = await stages.Intents.RecognizeAsync(text, ct);
        if (r.Intents.Count == 0)
        {
            await conn.SendAsync(new WyomingEvent("not-recognized", new JsonObject { ["text"] = r.Reply }), ct);
            return;
        }
        // Wyoming carries one intent per answer; an area command's first device stands for it, the reply says all.
        var i = r.Intents[0];
        var entities = new JsonArray();
        if (i.Device != null) entities.Add(new JsonObject { ["name"] = "device", ["value"] = i.Device });
        foreach (var (k, v) in i.Slots) entities.Add(new JsonObject { ["name"] = k, ["value"] = System.Text.Json.JsonSerializer.SerializeToNode(v) });
        await conn.SendAsync(new WyomingEvent("intent", new JsonObject { ["name"] = i.Name, ["entities"] = entities, ["text"] = r.Reply }), ct);
    }

    void Reset() => _asr = null;

    async Task ResetAsync()
    {
        Reset();
        if (_wake != null) { await _wake.DisposeAsync(); _wake = null; }
    }

    public async ValueTask DisposeAsync() => await ResetAsync();
}
