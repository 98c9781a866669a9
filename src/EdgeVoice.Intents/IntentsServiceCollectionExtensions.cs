using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using EdgeVoice.Intents.Templates;
using EdgeVoice.Intents.Timers;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Intents;

public static class IntentsServiceCollectionExtensions
{
    /// <summary>IIntentRecognizer: rules + context + local LLM (when its model exists) + opt-in remote model.</summary>
    public static IServiceCollection AddEdgeVoiceIntents(this IServiceCollection s, IConfiguration config)
    {
        s.Configure<IntentOptions>(config.GetSection("Intents"));
        s.TryAddSingleton<DeviceCatalog>();
        s.PostConfigure<EdgeVoiceOptions>(o => o.Devices.ForEach(HaDomains.ApplyDefaults));
        // The weather is a state without a device: a nameless entry with no actions, so only its state is heard.
        s.AddOptions<EdgeVoiceOptions>().PostConfigure<IOptions<IntentOptions>>((o, intents) =>
        {
            if (intents.Value.WeatherTopic is { Length: > 0 } topic && o.Devices.All(d => d.Id != IntentOptions.WeatherDeviceId))
                o.Devices.Add(new DeviceOptions { Id = IntentOptions.WeatherDeviceId, Name = "", Type = "weather", StateTopic = topic });
        });
        s.TryAddSingleton<IDeviceStateStore, EmptyDeviceStateStore>();
        s.TryAddSingleton<IThrottleState, NeverThrottled>();
        s.TryAddSingleton(TimeProvider.System);
        s.AddHttpClient<RemoteChat>();
        s.TryAddSingleton<ITimerStore, MemoryTimerStore>();
        s.AddSingleton<DeviceTimers>();
        // The recogniser's grammar from the same templates (Speech:GrammarSource), only while the template tier is on.
        if (config.GetValue("Intents:Templates", true))
        {
            s.TryAddSingleton(sp => new TemplateGrammar(TemplateLoader.LoadDefault,
                sp.GetRequiredService<IOptions<IntentOptions>>().Value.SatelliteArea, IntentEngine.OnDeviceIntents));
            s.TryAddSingleton<ISentenceGrammar>(sp => sp.GetRequiredService<TemplateGrammar>());
            s.TryAddKeyedSingleton<ISentenceGrammar>(SentenceGrammars.OnDevice,
                (sp, _) => sp.GetRequiredService<TemplateGrammar>().OnDevice());
        }
        s.AddSingleton<IntentEngine>();
        s.AddSingleton<IIntentRecognizer>(sp => sp.GetRequiredService<IntentEngine>());
        s.AddSingleton<IDialogState>(sp => sp.GetRequiredService<IntentEngine>());
        return s;
    }
}
