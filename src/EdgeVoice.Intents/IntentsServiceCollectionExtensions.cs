using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeVoice.Intents;

public static class IntentsServiceCollectionExtensions
{
    /// <summary>IIntentRecognizer: rules + context + local LLM (when its model exists) + opt-in remote model.</summary>
    public static IServiceCollection AddEdgeVoiceIntents(this IServiceCollection s, IConfiguration config)
    {
        s.Configure<IntentOptions>(config.GetSection("Intents"));
        s.TryAddSingleton<DeviceCatalog>();
        s.PostConfigure<EdgeVoiceOptions>(o => o.Devices.ForEach(HaDomains.ApplyDefaults));
        s.TryAddSingleton<IDeviceStateStore, EmptyDeviceStateStore>();
        s.TryAddSingleton<IThrottleState, NeverThrottled>();
        s.TryAddSingleton(TimeProvider.System);
        s.AddHttpClient<RemoteChat>();
        s.AddSingleton<IntentEngine>();
        s.AddSingleton<IIntentRecognizer>(sp => sp.GetRequiredService<IntentEngine>());
        s.AddSingleton<IDialogState>(sp => sp.GetRequiredService<IntentEngine>());
        return s;
    }
}
