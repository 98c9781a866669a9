using EdgeVoice.Core;
using EdgeVoice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Intents.Tests;

public sealed class FixedStates(Dictionary<string, string> values) : IDeviceStateStore
{
    public bool TryGetState(string deviceId, out string state) => values.TryGetValue(deviceId, out state!);
}
