using System.Collections.Concurrent;
using System.Text;
using EdgeVoice.Core;

namespace EdgeVoice.Mqtt;

/// <summary>Last retained value of each configured device's StateTopic (subscribed by the hosted service).</summary>
public sealed class MqttDeviceStateStore : IDeviceStateStore
{
    readonly ConcurrentDictionary<string, string> _states = new();
    readonly DeviceCatalog _devices;

    public MqttDeviceStateStore(DeviceCatalog devices) => _devices = devices;

    public IEnumerable<string> Topics => ByTopic().Keys;

    Dictionary<string, List<string>> ByTopic() => _devices.Devices.Where(d => !string.IsNullOrWhiteSpace(d.StateTopic))
        .GroupBy(d => d.StateTopic!).ToDictionary(g => g.Key, g => g.Select(d => d.Id).ToList());

    public bool TryGetState(string deviceId, out string state) => _states.TryGetValue(deviceId, out state!);

    /// <summary>Returns true when the topic belongs to a device. An empty payload clears the state.</summary>
    public bool Accept(string topic, byte[] payload)
    {
        if (!ByTopic().TryGetValue(topic, out var ids)) return false;
        var text = Encoding.UTF8.GetString(payload);
        foreach (var id in ids)
            if (text.Length == 0) _states.TryRemove(id, out _); else _states[id] = text;
        return true;
    }
}
