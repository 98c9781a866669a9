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

    public MqttDeviceStateStore(DeviceCatalog devices, IOptions<MqttOptions>? mqtt = null, ILogger<MqttDeviceStateStore>? log = null)
    {
        _devices = devices;
        _max = (mqtt?.Value ?? new MqttOptions()).MaxStateBytes;
        _log = log ?? NullLogger<MqttDeviceStateStore>.Instance;
    }

    public IEnumerable<string> Topics => ByTopic().Keys;

    Dictionary<string, List<string>> ByTopic() => _devices.Devices.Where(d => !string.IsNullOrWhiteSpace(d.StateTopic))
        .GroupBy(d => d.StateTopic!).ToDictionary(g => g.Key, g => g.Select(d => d.Id).ToList());

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
