using System.Text.Json.Nodes;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.WakeWord;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Wyoming;

/// <summary>How the service reports a satellite's progress to systemd (ready, listening, each frame for the watchdog).</summary>
public sealed record SatelliteHooks(Action<string> Ready, Action<string> Listening, Action Frame);

/// <summary>
/// Satellite mode: while Home Assistant runs the satellite (run-satellite, until pause-satellite or it
/// disconnects), the device's own microphone and wake word (or the button) capture each command, which is
/// streamed to Home Assistant as it is spoken; Home Assistant's spoken reply is played here. The LEDs follow
/// the same bus events as in the local loop; the mute button stops commands from being sent.
/// </summary>
public sealed class Satellite(SatelliteOptions o, string name, string wakeName, int maxAudioSeconds, Func<VoiceFrontEnd> frontEnd, Func<IAudioSource> source,
    IAudioOutput output, IEventBus bus, ILogger<Satellite> log, SatelliteHooks? hooks = null) : BackgroundService, IStreamingSpeechToText
{
    public const string RecognizerName = "home-assistant";
    readonly Lock _lock = new();
    WyomingConnection? _link;
    CancellationTokenSource _running = Cancelled();
    TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    SatelliteTurn? _turn;
    volatile bool _muted;
    volatile VoiceFrontEnd? _fe;
    IDisposable? _sub;

    static CancellationTokenSource Cancelled() { var c = new CancellationTokenSource(); c.Cancel(); return c; }

    string ISpeechToText.Name => RecognizerName;
    /// <summary>Commands streamed to Home Assistant and answered so far.</summary>
    public int Turns { get; private set; }
    public bool Muted => _muted;

    public JsonObject Describe()
    {
        var s = WyomingStages.Artifact(name, "EdgeVoice satellite (own microphone, wake word, LEDs and button)", "EdgeVoice", "https://github.com/edgevoice");
        s["area"] = o.Area;
        s["has_vad"] = true;
        s["active_wake_words"] = new JsonArray(wakeName);
        s["max_active_wake_words"] = 1;
        s["supports_trigger"] = false;
        return s;
    }

    internal bool Owns(WyomingConnection c) { lock (_lock) return _link == c; }

    /// <summary>Takes the satellite's events; false for those the session answers itself (describe, ping, ...).</summary>
    internal Task<bool> HandleAsync(WyomingConnection c, WyomingEvent e, CancellationToken ct)
    {
        lock (_lock)
        {
            switch (e.Type)
            {
                case "run-satellite":
                    if (_link != c) _turn?.Abort("another Home Assistant took over the satellite");
                    _link = c;
                    if (_running.IsCancellationRequested) { _running = new CancellationTokenSource(); _started.TrySetResult(); }
                    log.LogInformation("satellite: run by {Peer}", c.Peer);
                    return Task.FromResult(true);
                case "pause-satellite":
                    if (_link == c) Stop("paused by Home Assistant");
                    return Task.FromResult(true);
                case "describe" or "ping" or "transcribe" or "detect" or "recognize":
                    return Task.FromResult(false);
                default:
                    // Events of the open turn; others (timers, VAD from Home Assistant's side) are not used here.
                    if (_link == c) _turn?.OnEvent(e);
                    return Task.FromResult(true);
            }
        }
    }

    internal void Disconnected(WyomingConnection c)
    {
        lock (_lock) if (_link == c) { _link = null; Stop("Home Assistant disconnected"); }
    }

    void Stop(string why)
    {
        log.LogInformation("satellite: {Why}", why);
        _turn?.Abort(why);
        _running.Cancel();
        _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default) =>
        throw new NotSupportedException("the satellite streams commands to Home Assistant; it does not transcribe clips");

    /// <summary>Called by the front end when a command starts (audio thread): opens the turn with Home Assistant.</summary>
    public ISpeechStream Begin()
    {
        lock (_lock)
        {
            var link = _running.IsCancellationRequested || _muted ? null : _link;
            _turn = new SatelliteTurn(link, wakeName, TimeSpan.FromSeconds(o.ReplyTimeoutSeconds), maxAudioSeconds, log);
            return _turn;
        }
    }

    /// <summary>The bus is followed from the start, so that a mute pressed before the microphone opens counts.</summary>
    public override Task StartAsync(CancellationToken ct)
    {
        bool speaking = false;
        _sub = bus.Subscribe(e =>
        {
            switch (e)
            {
                case StateChanged s: speaking = s.State == AssistantState.Speaking; break;
                case WakeDetected when speaking: output.Stop(); break;
                case ButtonPressed { Button: "mute" }: _muted = !_muted; log.LogInformation("satellite: microphone {State} by button", _muted ? "muted" : "unmuted"); break;
                case ButtonPressed: output.Stop(); _fe?.PushToTalk(); break;
                case Notice { Message: "muted" or "unmuted" } n: _muted = n.Message == "muted"; break;
            }
        });
        return base.StartAsync(ct);
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        _sub?.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await Task.Yield();
        VoiceFrontEnd fe;
        try { fe = frontEnd(); }
        catch (Exception e) when (e is ModelUnavailableException or FileNotFoundException or InvalidOperationException)
        {
            log.LogCritical("satellite cannot start: wake word front end: {Error}", e.Message);
            hooks?.Ready("not listening: wake word models missing (run scripts/setup.sh)");
            return;
        }
        fe.Streaming = this;
        _fe = fe;
        if (hooks != null) fe.Score += (_, _) => hooks.Frame();
        hooks?.Ready("satellite: waiting for Home Assistant to connect");
        var delay = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            Task started; CancellationToken running;
            lock (_lock) { started = _started.Task; running = _running.Token; }
            if (running.IsCancellationRequested) { await started.WaitAsync(ct).ContinueWith(_ => { }, TaskScheduler.Default); continue; }
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, running);
            try
            {
                var mic = source();
                hooks?.Listening(mic.Name);
                hooks?.Ready($"satellite of Home Assistant, listening on {mic.Name}");
                bus.Publish(new StateChanged(AssistantState.Idle));
                await foreach (var u in fe.RunAsync(mic, both.Token))
                {
                    delay = TimeSpan.FromSeconds(1);
                    if (u.Speech is not SatelliteTurn turn) { u.Speech?.Dispose(); continue; }
                    using (turn) await Answer(u, turn, both.Token);
                }
                if (!both.IsCancellationRequested) { log.LogWarning("satellite: audio source ended; restarting it"); await Task.Delay(delay, both.Token); }
            }
            catch (OperationCanceledException) when (both.IsCancellationRequested) { }
            catch (Exception e)
            {
                log.LogError("satellite: microphone failed: {Message}; retrying in {Delay} s", e.Message, delay.TotalSeconds);
                bus.Publish(new Notice("microphone failed", IsError: true));
                await Task.Delay(delay, ct).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    async Task Answer(DetectedUtterance u, SatelliteTurn turn, CancellationToken ct)
    {
        if (turn.Link == null)
        {
            log.LogInformation("satellite: command at {Ms} ms not sent ({Why})", u.WakeAtMs, _muted ? "muted" : "Home Assistant is not running the satellite");
            bus.Publish(new StateChanged(AssistantState.Idle));
            return;
        }
        bus.Publish(new StateChanged(AssistantState.Thinking));
        try
        {
            var t = await turn.EndAsync(ct);
            Turns++;
            log.LogInformation("satellite: {Trigger} at {Ms} ms: Home Assistant heard \"{Text}\"{Error}", u.Trigger, u.WakeAtMs, t.Text, turn.Error is null ? "" : " — " + turn.Error);
            if (turn.Error != null) bus.Publish(new Notice("Home Assistant: " + turn.Error, IsError: true));
            if (turn.Reply() is { } reply)
            {
                bus.Publish(new StateChanged(AssistantState.Speaking));
                await output.PlayAsync(reply, $"ha-{DateTime.Now:HHmmss}", ct);
                turn.Link.TryPost(new WyomingEvent("played"));
            }
        }
        finally { bus.Publish(new StateChanged(AssistantState.Idle)); }
    }
}
