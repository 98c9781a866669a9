namespace EdgeVoice.Core;

/// <summary>Last known state of configured devices, from their retained MQTT state topics.</summary>
public interface IDeviceStateStore
{
    bool TryGetState(string deviceId, out string state);
}

/// <summary>Thermal/battery policy: when throttled, the LLM uses fewer threads and skips open questions.</summary>
public interface IThrottleState
{
    bool Throttled { get; }
}

public sealed class EmptyDeviceStateStore : IDeviceStateStore
{
    public bool TryGetState(string deviceId, out string state) { state = ""; return false; }
}

public sealed class NeverThrottled : IThrottleState
{
    public bool Throttled => false;
}
