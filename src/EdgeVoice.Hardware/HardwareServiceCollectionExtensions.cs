using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace EdgeVoice.Hardware;

public static class HardwareServiceCollectionExtensions
{
    /// <summary>Button and state LEDs from the "Hardware" section (Mode none|simulated|gpio).</summary>
    public static IServiceCollection AddEdgeVoiceHardware(this IServiceCollection s, IConfiguration config)
    {
        s.Configure<HardwareOptions>(config.GetSection("Hardware"));
        s.TryAddSingleton<IEventBus, EventBus>();
        s.TryAddSingleton(TimeProvider.System);
        s.TryAddSingleton<SimulatedHardware>();
        s.TryAddSingleton<HardwareFactory>();
        s.TryAddSingleton<HardwareService>();
        s.AddHostedService(sp => sp.GetRequiredService<HardwareService>());
        return s;
    }
}
