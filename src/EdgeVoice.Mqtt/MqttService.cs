using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using EdgeVoice.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Mqtt;

/// <summary>
/// Runs the broker link for the long-lived service: discovery, sensor states from the event bus, device
/// state subscriptions and inbound commands. Stopping flushes the outbox with a bounded wait.
/// </summary>
public sealed class MqttService(
    MqttLink link, MqttDeviceStateStore states, RemoteCommandDispatcher commands, IOptions<MqttOptions> options,
    IOptions<EdgeVoiceOptions> voice, DeviceCatalog devices, ILogger<MqttService> log, IEventBus? bus = null) : BackgroundService
{
    readonly MqttOptions _o = options.Value;
    readonly Discovery _discovery = new(voice.Value.NodeId, options.Value.Discovery, options.Value.PublishTranscripts);
    IDisposable? _busSub;

    const int InboxSize = 32;

    public string AnnouncedFile => Path.Combine(link.Outbox.Dir, "discovery-announced.json");

    /// <summary>
    /// Listens to the event bus before the services registered after it start (ExecuteAsync runs on its own): an
    /// event sent at start-up, such as a timer that ended while the service was down, is queued, not missed.
    /// </summary>
    public override Task StartAsync(CancellationToken ct)
    {
        _busSub = bus?.Subscribe(OnEvent);
        return base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        // Commands run one at a time in arrival order (mute then unmute must not swap), and off the
        // client's receive loop so a long "say" does not stall PUBACKs. The queue holds at most
        // InboxSize × Mqtt:MaxInboundBytes: larger payloads arrive without their bytes.
        var inbox = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(InboxSize) { FullMode = BoundedChannelFullMode.DropWrite });
        link.OnMessage(m =>
        {
            if (!states.Accept(m.Topic, m.Payload, m.Size) && !inbox.Writer.TryWrite(m))
                log.LogWarning("MQTT: command queue full, dropped {Topic}", m.Topic);
            return Task.CompletedTask;
        });
        await link.SubscribeAsync(commands.Prefix + "+", ct);
        foreach (var t in states.Topics) await link.SubscribeAsync(t, ct);
        // A device added by a reload has its state heard too (topics already subscribed are skipped).
        using var reloads = devices.OnChange(changed => { foreach (var t in states.Topics) _ = link.SubscribeAsync(t, ct); });
        await AnnounceAsync();
        await link.StartAsync();
        try
        {
            await foreach (var m in inbox.Reader.ReadAllAsync(ct)) await commands.HandleAsync(m, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>Publishes current discovery configs and clears entries announced before but no longer configured.</summary>
    public async Task AnnounceAsync()
    {
        var before = Discovery.LoadAnnounced(AnnouncedFile);
        var now = _o.Discovery.Enabled ? _discovery.Build(devices.Devices) : new Dictionary<string, string>();
        foreach (var (topic, json) in now) await link.SetRetainedAsync(topic, json);
        foreach (var gone in before.Except(now.Keys))
        {
            log.LogInformation("HA discovery: removing {Topic}", gone);
            await link.SetRetainedAsync(gone, "");
        }
        // The sensor states exist for HA; without discovery, or with transcripts kept private, none stays retained.
        if (!SensorStates) await link.SetRetainedAsync(_discovery.LastIntentTopic, "");
        if (!TranscriptState) await link.SetRetainedAsync(_discovery.TranscriptTopic, "");
        // Only needed to clear entities removed later: a failed write (a full disk) must not stop the service.
        try { Discovery.SaveAnnounced(AnnouncedFile, now.Keys); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("HA discovery: cannot save {File} ({Message}); entities removed from the configuration later may stay in Home Assistant", AnnouncedFile, e.Message);
        }
    }

    void OnEvent(VoiceEvent e)
    {
        switch (e)
        {
            case StateChanged s:
                _ = link.SetRetainedAsync(_discovery.AssistantStateTopic, s.State.ToString().ToLowerInvariant());
                break;
            case TelemetryReading t:
                _ = link.SetRetainedAsync(_discovery.TelemetryTopic, JsonSerializer.Serialize(new
                {
                    cpu_temperature = t.CpuTemperatureC is { } c ? Math.Round(c, 1) : (double?)null,
                    battery = t.BatteryPercent is { } b ? Math.Round(b, 0) : (double?)null,
                    charging = t.Charging,
                    throttled = t.Throttled,
                }));
                break;
            case TimerFinished f:
                // Not retained: an event, under this node's own topics whatever the timer was called.
                _ = link.Enqueue(_discovery.TimerTopic, JsonSerializer.Serialize(new
                {
                    id = f.Id, name = f.Name, area = f.Area, seconds = f.Seconds, while_off = f.WhileOff, message = f.Message, at = f.At,
                }), false, TimeSpan.FromSeconds(_o.CommandExpirySeconds));
                break;
            case TranscriptReady r when TranscriptState:
                _ = link.SetRetainedAsync(_discovery.TranscriptTopic, Truncate(r.Transcript.Text));
                break;
            case IntentHandled h when SensorStates:
                var i = h.Result.Intents.FirstOrDefault();
                var text = i == null ? "none" : $"{i.Name} {i.Device}".Trim() + string.Concat(i.Slots.Select(kv => $" {kv.Key}={Convert.ToString(kv.Value, CultureInfo.InvariantCulture)}"));
                _ = link.SetRetainedAsync(_discovery.LastIntentTopic, Truncate(text));
                break;
        }
    }

    bool SensorStates => _o.Discovery.Enabled;
    bool TranscriptState => SensorStates && _o.PublishTranscripts;

    static string Truncate(string s) => s.Length <= 255 ? s : s[..255]; // HA sensor states are limited to 255 characters

    public override async Task StopAsync(CancellationToken ct)
    {
        _busSub?.Dispose();
        var wait = TimeSpan.FromMilliseconds(_o.FlushOnStopMs);
        var left = link.Outbox.Count == 0 ? 0 : await link.FlushAsync(wait);
        if (left > 0) log.LogError("MQTT: {Count} message(s) not delivered within {Wait}; they stay in {Dir} for the next start", left, wait, link.Outbox.Dir);
        await base.StopAsync(ct);
        await link.DisposeAsync();
    }
}
