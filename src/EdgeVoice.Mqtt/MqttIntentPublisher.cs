using System.Text.Json;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Mqtt;

/// <summary>
/// Publishes an intent to its configured device's command topic plus an intent event on
/// edgevoice/&lt;NodeId&gt;/intent. Topics come only from configuration. Messages go through the durable
/// outbox; PublishAsync returns once they are on disk and, when connected, after PUBACK (bounded wait).
/// </summary>
public sealed class MqttIntentPublisher : IIntentPublisher, IAsyncDisposable, IDisposable
{
    readonly MqttLink _link;
    readonly DeviceCatalog _devices;
    readonly MqttOptions _o;
    readonly ILogger _log;

    public MqttIntentPublisher(MqttLink link, DeviceCatalog devices, IOptions<MqttOptions> options, ILogger<MqttIntentPublisher> log)
    {
        _link = link;
        _devices = devices;
        _o = options.Value;
        _log = log;
    }

    public string IntentTopic => $"edgevoice/{_link.NodeId}/intent";
    public MqttLink Link => _link;

    /// <summary>For one-shot use (simulate) without the hosted service: connect in the background.</summary>
    public Task StartAsync() => _link.StartAsync();

    /// <summary>Bounded wait for queued messages; returns how many are still undelivered.</summary>
    public Task<int> FlushAsync(TimeSpan timeout) => _link.FlushAsync(timeout);

    async Task<PublishOutcome> IIntentPublisher.PublishAsync(Intent intent, string? transcript, CancellationToken ct)
    {
        try
        {
            var sent = await PublishAsync(intent, transcript, ct);
            return sent.Count > 0 ? new(PublishStatus.Sent, sent)
                : new(PublishStatus.Refused, [], $"{intent.Name} for {intent.Device} is not allowed by the configured devices");
        }
        catch (MqttOfflineException e) { return new(PublishStatus.Queued, e.Queued, e.Message); }
        catch (Exception e) when (e is not OperationCanceledException) { return new(PublishStatus.Failed, [], "publish failed: " + e.Message); }
    }

    /// <summary>Returns the messages sent; none when the device or action is not allowed.</summary>
    /// <exception cref="MqttOfflineException">The broker is down; the messages are queued.</exception>
    public async Task<IReadOnlyList<PublishedMessage>> PublishAsync(Intent intent, string? transcript = null, CancellationToken ct = default)
    {
        var messages = Build(intent, transcript);
        if (messages.Count == 0) return messages;
        await _link.StartAsync();
        if (!_link.IsConnected && !_link.HasTriedConnecting) await _link.WaitConnectedAsync(TimeSpan.FromMilliseconds(_o.PublishWaitMs)); // just started
        bool wasConnected = _link.IsConnected;
        var ttl = TimeSpan.FromSeconds(_o.CommandExpirySeconds);
        var acks = _link.EnqueueAll(messages.Select(m => (m.Topic, m.Payload)).ToList(), false, ttl);
        if (!wasConnected)
            throw new MqttOfflineException(messages, $"MQTT broker {_link.Endpoint} is unreachable ({_link.LastError ?? "not connected"}); " +
                $"{messages.Count} message(s) kept in the outbox {_link.Outbox.Dir} and sent when it returns (expire in {_o.CommandExpirySeconds} s)");
        var all = Task.WhenAll(acks);
        await Task.WhenAny(all, Task.Delay(_o.PublishWaitMs, ct));
        if (!all.IsCompleted) _log.LogWarning("MQTT: no PUBACK within {Ms} ms for {Intent}; it stays queued", _o.PublishWaitMs, intent.Name);
        return messages;
    }

    /// <summary>The messages for an intent, or none when the device/action is not allowed. Template errors throw.</summary>
    public IReadOnlyList<PublishedMessage> Build(Intent intent, string? transcript = null)
    {
        var list = new List<PublishedMessage>();
        if (intent.Device != null)
        {
            var dev = _devices.Find(intent.Device);
            if (dev == null || !dev.Allows(intent.Name) || intent.Slots.ContainsKey("color") && !dev.Color)
            {
                _log.LogWarning("MQTT: refused {Intent} for {Device}: {Why}", intent.Name, intent.Device,
                    dev == null ? "device not configured" : dev.Allows(intent.Name) ? "this light takes no colour" : "action not allowed for this device");
                return [];
            }
            // A light's colour has a payload of its own: its brightness payload has no {color}.
            var key = intent.Name == IntentNames.LightSet && intent.Slots.ContainsKey("color") ? IntentNames.LightSetColorPayload : intent.Name;
            if (!dev.Payloads.TryGetValue(key, out var template))
            {
                // A state question sends nothing to the device by design; any other action without a payload is a config gap.
                _log.Log(IntentNames.IsQuestion(intent.Name) ? LogLevel.Debug : LogLevel.Warning,
                    "MQTT: device {Device} has no payload for {Intent}; only the intent event is sent", dev.Id, intent.Name);
            }
            else if (string.IsNullOrWhiteSpace(dev.CommandTopic))
                throw new PayloadTemplateException($"device {dev.Id}: CommandTopic is empty");
            else
                list.Add(new(dev.CommandTopic, PayloadTemplate.Fill(template, intent.Slots, $"device {dev.Id} payload {key}")));
        }
        list.Add(new(IntentTopic, EventJson(intent, _o.PublishTranscripts ? transcript : null)));
        return list;
    }

    static string EventJson(Intent intent, string? transcript)
    {
        var ev = new Dictionary<string, object?>
        {
            ["id"] = Guid.NewGuid().ToString("N"),
            ["name"] = intent.Name,
            ["device"] = intent.Device,
            ["slots"] = intent.Slots,
        };
        if (transcript != null) ev["transcript"] = transcript;
        ev["at"] = DateTimeOffset.UtcNow;
        return JsonSerializer.Serialize(ev);
    }

    // Hosts built with `using var host` dispose synchronously.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => _link.DisposeAsync();
}
