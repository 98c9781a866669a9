using System.Collections.Concurrent;
using System.Text;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Mqtt;

/// <summary>Last retained value of each configured device's StateTopic (subscribed by the hosted service).</summary>
public sealed class MqttDeviceStateStore : IDeviceStateStore
{
    readonly ConcurrentDictionary<string, string> _states = new();
    readonly DeviceCatalog _devices;
    readonly int _max;
    readonly ILogger _log;
    volatile TopicMap _map = new(null, []);

    public MqttDeviceStateStore(DeviceCatalog devices, IOptions<MqttOptions>? mqtt = null, ILogger<MqttDeviceStateStore>? log = null)
    {
        _devices = devices;
        _max = (mqtt?.Value ?? new MqttOptions()).MaxStateBytes;
        _log = log ?? NullLogger<MqttDeviceStateStore>.Instance;
    }

    public IEnumerable<string> Topics => ByTopic().Keys;

    /// <summary>
    /// The device ids behind each state topic, built once per device list: every inbound state message looks
    /// here, and a reload hands the catalog a new list, which rebuilds it.
    /// </summary>
    Dictionary<string, List<string>> ByTopic()
    {
        var devices = _devices.Devices;
        var map = _map;
        if (ReferenceEquals(map.Devices, devices)) return map.Ids;
        var ids = devices.Where(d => !string.IsNullOrWhiteSpace(d.StateTopic))
            .GroupBy(d => d.StateTopic!).ToDictionary(g => g.Key, g => g.Select(d => d.Id).ToList());
        _map = new(devices, ids);
        return ids;
    }

    sealed record TopicMap(IReadOnlyList<DeviceOptions>? Devices, Dictionary<string, List<string>> Ids);

    public bool TryGetState(string deviceId, out string state) => _states.TryGetValue(deviceId, out state!);

    /// <summary>
    /// Returns true when the topic belongs to a device. An empty payload clears the state; one above
    /// Mqtt:MaxStateBytes clears it too (what it said is unknown), with a warning.
    /// </summary>
    public bool Accept(string topic, byte[] payload, long size)
    {
        if (!ByTopic().TryGetValue(topic, out var ids)) return false;
        var text = "";
        if (size > _max) _log.LogWarning("MQTT: ignored a state of {Size} bytes on {Topic} (Mqtt:MaxStateBytes {Max})", size, topic, _max);
        else text = Encoding.UTF8.GetString(payload);
        foreach (var id in ids)
            if (text.Length == 0) _states.TryRemove(id, out _); else _states[id] = text;
        return true;
    }
}
