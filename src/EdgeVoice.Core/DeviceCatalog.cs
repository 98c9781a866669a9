using Microsoft.Extensions.Options;

namespace EdgeVoice.Core;

/// <summary>
/// The configured devices as they are now. Every stage reads devices here, per use, so a configuration
/// reload (the `reload` command, an edited config file) reaches them all at once: a device can never be
/// understood by one stage and unknown to the next.
/// </summary>
public sealed class DeviceCatalog(IOptionsMonitor<EdgeVoiceOptions> options)
{
    public IReadOnlyList<DeviceOptions> Devices => options.CurrentValue.Devices;

    public DeviceOptions? Find(string id) => Devices.FirstOrDefault(d => d.Id == id);

    /// <summary>Calls <paramref name="listener"/> after each reload with the new devices.</summary>
    public IDisposable? OnChange(Action<IReadOnlyList<DeviceOptions>> listener) => options.OnChange(o => listener(o.Devices));

    /// <summary>A catalog that never changes, for one-shot tools and tests.</summary>
    public static DeviceCatalog Of(EdgeVoiceOptions fixedOptions) => new(new Fixed(fixedOptions));

    sealed class Fixed(EdgeVoiceOptions value) : IOptionsMonitor<EdgeVoiceOptions>
    {
        public EdgeVoiceOptions CurrentValue => value;
        public EdgeVoiceOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<EdgeVoiceOptions, string?> listener) => null;
    }
}
