using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Testing;

/// <summary>The shipped device profiles (config/home.json, config/factory.json) as options.</summary>
public static class Profiles
{
    /// <summary>A profile with each device's Home Assistant domain defaults filled in, as the host does (AddEdgeVoiceIntents).</summary>
    public static EdgeVoiceOptions Load(string profile)
    {
        var o = Config(profile).Get<EdgeVoiceOptions>()
            ?? throw new InvalidOperationException($"config/{profile}.json is empty");
        o.Devices.ForEach(Intents.HaDomains.ApplyDefaults);
        return o;
    }

    /// <summary>The template tier as the host sets it up for the profile (on, with its Intents:SatelliteArea).</summary>
    public static TemplateTier Templates(string profile) => new(Config(profile)["Intents:SatelliteArea"] ?? "");

    /// <summary>The profile's Speech:GrammarSource, as the host reads it (commands when the profile does not say).</summary>
    public static string GrammarSource(string profile) => Config(profile)["Speech:GrammarSource"] ?? "commands";

    static IConfigurationRoot Config(string profile) => new ConfigurationBuilder().AddJsonFile(Repo.Config(profile + ".json")).Build();

    public static EdgeVoiceOptions Home => Load("home");
    public static EdgeVoiceOptions Factory => Load("factory");

    /// <summary>An options monitor whose value a test can change, as a config reload would.</summary>
    public sealed class Monitor<T>(T value) : IOptionsMonitor<T>
    {
        readonly List<Action<T, string?>> _listeners = [];
        public T CurrentValue { get; private set; } = value;
        public T Get(string? name) => CurrentValue;
        public IDisposable OnChange(Action<T, string?> listener) { _listeners.Add(listener); return new Nop(); }
        public void Set(T value) { CurrentValue = value; foreach (var l in _listeners) l(value, null); }
        sealed class Nop : IDisposable { public void Dispose() { } }
    }
}
