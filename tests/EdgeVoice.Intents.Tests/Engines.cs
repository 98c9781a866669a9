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

public static class Engines
{
    public static IntentEngine Create(string profile = "home", IntentOptions? o = null, TimeProvider? clock = null,
        IDeviceStateStore? states = null, HttpClient? http = null)
    {
        var app = Profiles.Load(profile);
        app.ModelsDir = Repo.Models;
        var opts = Options.Create(o ?? new IntentOptions());
        return new IntentEngine(new Profiles.Monitor<EdgeVoiceOptions>(app), opts, states ?? new EmptyDeviceStateStore(), new NeverThrottled(),
            new RemoteChat(http ?? new HttpClient(), opts, NullLogger<RemoteChat>.Instance), clock ?? TimeProvider.System, NullLogger<IntentEngine>.Instance);
    }
}
