using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Mqtt;

public static class MqttServiceCollectionExtensions
{
    /// <summary>
    /// Binds "Mqtt" and registers IIntentPublisher, IDeviceStateStore and the hosted MqttService.
    /// The host must register IRemoteCommandHandler for inbound commands (without one they are answered with an error).
    /// </summary>
    public static IServiceCollection AddEdgeVoiceMqtt(this IServiceCollection s, IConfiguration config)
    {
        s.Configure<MqttOptions>(config.GetSection("Mqtt"));
        // Binding twice would append every device twice (list binding adds): only when the host has not.
        if (!s.Any(d => d.ServiceType == typeof(IConfigureOptions<EdgeVoiceOptions>))) s.Configure<EdgeVoiceOptions>(config);
        s.TryAddSingleton<IEventBus, EventBus>();
        s.TryAddSingleton<DeviceCatalog>();
        s.AddSingleton(sp => new MqttLink(sp.GetRequiredService<IOptions<MqttOptions>>(), sp.GetRequiredService<IOptions<EdgeVoiceOptions>>(),
            sp.GetRequiredService<ILogger<MqttLink>>(), sp.GetService<IEventBus>()));
        s.AddSingleton<MqttIntentPublisher>();
        s.AddSingleton<IIntentPublisher>(sp => sp.GetRequiredService<MqttIntentPublisher>());
        s.AddSingleton<MqttDeviceStateStore>();
        s.AddSingleton<IDeviceStateStore>(sp => sp.GetRequiredService<MqttDeviceStateStore>());
        s.AddSingleton(sp => new RemoteCommandDispatcher(sp.GetRequiredService<MqttLink>(), sp.GetService<IRemoteCommandHandler>(),
            sp.GetRequiredService<IOptions<MqttOptions>>(), sp.GetRequiredService<ILogger<RemoteCommandDispatcher>>()));
        s.AddHostedService<MqttService>();
        return s;
    }
}
