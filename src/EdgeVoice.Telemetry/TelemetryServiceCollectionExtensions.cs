using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace EdgeVoice.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>sysfs temperature/battery reader, <see cref="IThrottleState"/> and the periodic publisher ("Telemetry" section).</summary>
    public static IServiceCollection AddEdgeVoiceTelemetry(this IServiceCollection s, IConfiguration config)
    {
        s.Configure<TelemetryOptions>(config.GetSection("Telemetry"));
        s.TryAddSingleton<IEventBus, EventBus>();
        s.TryAddSingleton(TimeProvider.System);
        s.TryAddSingleton<SysfsTelemetryReader>();
        s.TryAddSingleton<ThrottlePolicy>();
        // Replace, not TryAdd: the host may have registered NeverThrottled as a fallback.
        s.Replace(ServiceDescriptor.Singleton<IThrottleState>(sp => sp.GetRequiredService<ThrottlePolicy>()));
        s.TryAddSingleton<TelemetryService>();
        s.AddHostedService(sp => sp.GetRequiredService<TelemetryService>());
        return s;
    }
}
