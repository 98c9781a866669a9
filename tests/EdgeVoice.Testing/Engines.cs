using EdgeVoice.Core;
using EdgeVoice.Intents;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Testing;

/// <summary>An intent engine on a device profile from config/, for the intent tests and the bench.</summary>
public static class Engines
{
    public static IntentEngine Create(string profile = "home", IntentOptions? o = null, TimeProvider? clock = null,
        IDeviceStateStore? states = null, HttpClient? http = null, Intents.Timers.DeviceTimers? timers = null,
        Microsoft.Extensions.Logging.ILogger<IntentEngine>? log = null)
        => Create(Profiles.Load(profile), o, clock, states, http, timers, log);

    /// <summary>An intent engine on these devices (a profile as loaded, or one a bench built).</summary>
    public static IntentEngine Create(EdgeVoiceOptions app, IntentOptions? o = null, TimeProvider? clock = null,
        IDeviceStateStore? states = null, HttpClient? http = null, Intents.Timers.DeviceTimers? timers = null,
        Microsoft.Extensions.Logging.ILogger<IntentEngine>? log = null)
    {
        app.ModelsDir = Repo.Models;
        var opts = Options.Create(o ?? new IntentOptions());
        var monitor = new Profiles.Monitor<EdgeVoiceOptions>(app);
        return new IntentEngine(monitor, new DeviceCatalog(monitor), opts, states ?? new EmptyDeviceStateStore(), new NeverThrottled(),
            new RemoteChat(http ?? new HttpClient(), opts, NullLogger<RemoteChat>.Instance), clock ?? TimeProvider.System, log ?? NullLogger<IntentEngine>.Instance,
            timers ?? new Intents.Timers.DeviceTimers(clock ?? TimeProvider.System, new Intents.Timers.MemoryTimerStore(), NullLogger<Intents.Timers.DeviceTimers>.Instance));
    }
}
