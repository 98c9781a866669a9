using EdgeVoice.Core;
using EdgeVoice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Intents.Tests;

public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

public sealed class FixedStates(Dictionary<string, string> values) : IDeviceStateStore
{
    public bool TryGetState(string deviceId, out string state) => values.TryGetValue(deviceId, out state!);
}
