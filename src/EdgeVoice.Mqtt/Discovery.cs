using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeVoice.Core;

namespace EdgeVoice.Mqtt;

/// <summary>
/// Home Assistant MQTT discovery configs (retained on &lt;prefix&gt;/&lt;component&gt;/&lt;node_id&gt;/&lt;object_id&gt;/config)
/// for the assistant's own sensors, mute switch, volume number and intent event entity.
/// </summary>
/// <param name="transcripts">Mqtt:PublishTranscripts: without it there is no last-transcript sensor.</param>
public sealed class Discovery(string nodeId, MqttDiscoveryOptions o, bool transcripts = true)
{
    public string NodeKey { get; } = "edgevoice_" + new string(nodeId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
    public string Base => $"edgevoice/{nodeId}";
    public string StatusTopic => $"{Base}/status";
    public string AssistantStateTopic => $"{Base}/state/assistant";
    public string TelemetryTopic => $"{Base}/state/telemetry";
    public string TranscriptTopic => $"{Base}/state/transcript";
    public string LastIntentTopic => $"{Base}/state/last_intent";

    public IReadOnlyDictionary<string, string> Build(IEnumerable<DeviceOptions> devices)
    {
        var d = new Dictionary<string, string>();
        void Add(string component, string objectId, JsonObject cfg)
        {
            cfg["unique_id"] = $"{NodeKey}_{objectId}";
            cfg["availability_topic"] = StatusTopic;
            cfg["payload_available"] = "online";
            cfg["payload_not_available"] = "offline";
            cfg["device"] = Device();
            d[$"{o.Prefix}/{component}/{NodeKey}/{objectId}/config"] = cfg.ToJsonString();
        }
        Add("sensor", "assistant_state", new() { ["name"] = "Assistant state", ["state_topic"] = AssistantStateTopic, ["device_class"] = "enum",
            ["options"] = new JsonArray("idle", "listening", "thinking", "speaking"), ["icon"] = "mdi:microphone" });
        Add("sensor", "cpu_temperature", new() { ["name"] = "CPU temperature", ["state_topic"] = TelemetryTopic, ["device_class"] = "temperature",
            ["state_class"] = "measurement", ["unit_of_measurement"] = "°C", ["value_template"] = "{{ value_json.cpu_temperature }}", ["entity_category"] = "diagnostic" });
        Add("sensor", "battery", new() { ["name"] = "Battery", ["state_topic"] = TelemetryTopic, ["device_class"] = "battery",
            ["state_class"] = "measurement", ["unit_of_measurement"] = "%", ["value_template"] = "{{ value_json.battery }}" });
        if (transcripts) Add("sensor", "last_transcript", new() { ["name"] = "Last transcript", ["state_topic"] = TranscriptTopic, ["icon"] = "mdi:text" });
        Add("sensor", "last_intent", new() { ["name"] = "Last intent", ["state_topic"] = LastIntentTopic, ["icon"] = "mdi:lightning-bolt" });
        Add("switch", "mute", new() { ["name"] = "Mute", ["command_topic"] = $"{Base}/cmd/mute", ["state_topic"] = $"{Base}/state/muted",
            ["payload_on"] = "{\"muted\":true}", ["payload_off"] = "{\"muted\":false}", ["state_on"] = "ON", ["state_off"] = "OFF", ["icon"] = "mdi:microphone-off" });
        Add("number", "volume", new() { ["name"] = "Volume", ["command_topic"] = $"{Base}/cmd/volume", ["state_topic"] = $"{Base}/state/volume",
            ["command_template"] = "{\"level\": {{ value | int }}}", ["min"] = 0, ["max"] = 100, ["step"] = 1, ["unit_of_measurement"] = "%", ["mode"] = "slider" });
        Add("event", "intent", new() { ["name"] = "Intent", ["state_topic"] = $"{Base}/intent",
            ["event_types"] = new JsonArray(IntentNames.All.Select(n => (JsonNode)n).ToArray()),
            // HA wants {"event_type": ...}; our intent JSON names it "name".
            ["value_template"] = "{{ {'event_type': value_json.name, 'device': value_json.device, 'id': value_json.id} | to_json }}" });

        if (o.AnnounceDevices)
            foreach (var dev in devices)
                if (DeviceConfig(dev) is { } dc) Add(dc.Item1, "device_" + dev.Id, dc.Item2);
        return d;
    }

    /// <summary>Devices HA can drive with the same payloads we send; others are not announced.</summary>
    static (string, JsonObject)? DeviceConfig(DeviceOptions dev)
    {
        if (dev.Type == "climate") return Climate(dev) is { } climate ? ("climate", climate) : null;
        if (!dev.Payloads.TryGetValue(IntentNames.TurnOn, out var on) || !dev.Payloads.TryGetValue(IntentNames.TurnOff, out var off)) return null;
        if (HasSlot(on + off)) return null;
        var cfg = new JsonObject { ["name"] = dev.Name, ["command_topic"] = dev.CommandTopic };
        if (dev.StateTopic is { Length: > 0 } st) cfg["state_topic"] = st;
        switch (dev.Type)
        {
            case "light" or "switch" or "fan":
                cfg["payload_on"] = on; cfg["payload_off"] = off;
                return (dev.Type, cfg);
            case "cover":
                cfg["payload_open"] = on; cfg["payload_close"] = off; cfg["payload_stop"] = null;
                return ("cover", cfg);
            default: return null;
        }
    }

    /// <summary>
    /// A thermostat: the set point through our own temperature payload, and off/heat through the
    /// turn-off/turn-on payloads. HA renders the templates and publishes to the same command topic.
    /// </summary>
    static JsonObject? Climate(DeviceOptions dev)
    {
        var cfg = new JsonObject { ["name"] = dev.Name };
        if (dev.Payloads.TryGetValue(IntentNames.ClimateSetTemperature, out var set) && set.Contains("{temperature}"))
        {
            cfg["temperature_command_topic"] = dev.CommandTopic;
            cfg["temperature_command_template"] = set.Replace("{temperature}", "{{ value }}");
            cfg["min_temp"] = SlotLimits.MinTemperature;
            cfg["max_temp"] = SlotLimits.MaxTemperature;
            cfg["temperature_unit"] = "C";
        }
        if (dev.Payloads.TryGetValue(IntentNames.TurnOn, out var on) && dev.Payloads.TryGetValue(IntentNames.TurnOff, out var off)
            && !HasSlot(on + off))
        {
            cfg["mode_command_topic"] = dev.CommandTopic;
            cfg["modes"] = new JsonArray("off", "heat");
            cfg["mode_command_template"] = $"{{% if value == 'off' %}}{off}{{% else %}}{on}{{% endif %}}";
        }
        return cfg.Count > 1 ? cfg : null;
    }

    /// <summary>A {slot} placeholder: HA cannot fill ours, so such a payload is not announced.</summary>
    static bool HasSlot(string payload) => System.Text.RegularExpressions.Regex.IsMatch(payload, @"\{[a-z_]+\}");

    JsonObject Device() => new()
    {
        ["identifiers"] = new JsonArray(NodeKey),
        ["name"] = $"EdgeVoice {nodeId}",
        ["manufacturer"] = "EdgeVoice",
        ["model"] = "EdgeVoice offline voice assistant",
        ["sw_version"] = typeof(Discovery).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0",
    };

    /// <summary>Topics announced last time (kept in the outbox dir) so removed entities can be cleared.</summary>
    public static HashSet<string> LoadAnnounced(string file)
    {
        try { return File.Exists(file) ? JsonSerializer.Deserialize<HashSet<string>>(File.ReadAllText(file)) ?? [] : []; }
        catch (JsonException) { return []; }
    }

    public static void SaveAnnounced(string file, IEnumerable<string> topics) =>
        Outbox.WriteDurably(file, JsonSerializer.SerializeToUtf8Bytes(topics.Order().ToList()));
}
