using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Host.Pipeline;
using EdgeVoice.Hardware;
using EdgeVoice.Intents;
using EdgeVoice.Mqtt;
using EdgeVoice.Speech;
using EdgeVoice.Telemetry;
using EdgeVoice.WakeWord;
using EdgeVoice.Wyoming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host;

public static class EdgeVoiceServices
{
    /// <summary>Wires every stage; each stage picks its real or simulated implementation from its own section.</summary>
    /// <param name="listen">Also run the voice loop as the always-listening service, with its watchdog.</param>
    public static IServiceCollection AddEdgeVoice(this IServiceCollection s, IConfiguration config, bool listen)
    {
        s.Configure<EdgeVoiceOptions>(config);
        s.PostConfigure<EdgeVoiceOptions>(o => o.ModelsDir = ModelPaths.ResolveModelsDir(o.ModelsDir));
        s.Configure<UtteranceOptions>(config.GetSection("Utterance"));
        s.AddSingleton<IEventBus>(sp =>
        {
            var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("events");
            return new EventBus { OnHandlerError = (e, ev) => log.LogError(e, "handler for {Event} failed", ev.GetType().Name) };
        });
        s.AddEdgeVoiceAudio(config);
        s.AddEdgeVoiceSpeech(config);
        s.AddEdgeVoiceIntents(config);
        s.AddCredentialWarnings();
        s.AddEdgeVoiceMqtt(config);
        s.AddEdgeVoiceHardware(config);
        s.AddEdgeVoiceTelemetry(config);
        s.AddSingleton<UtteranceGuard>();
        s.AddSingleton<VoicePipeline>();
        s.AddSingleton<FollowUps>();
        s.AddSingleton<VoiceLoop>();
        s.AddSingleton<AssistantControls>();
        s.AddSingleton<IRemoteCommandHandler, HostRemoteCommands>();
        s.AddEdgeVoiceWakeWord(config);
        if (listen)
        {
            s.AddSingleton(sp => new ServiceStatus(sp.GetRequiredService<ILogger<ServiceStatus>>()));
            s.AddEdgeVoiceWyoming(config);
            // A Home Assistant satellite owns the microphone instead of the local voice loop.
            if (WyomingServiceCollectionExtensions.IsSatellite(config))
                s.AddSingleton(sp => new SatelliteHooks(sp.GetRequiredService<ServiceStatus>().Ready, sp.GetRequiredService<LoopHeartbeat>().Listening, sp.GetRequiredService<LoopHeartbeat>().Frame));
            else
                s.AddHostedService<VoiceLoopService>();
            s.AddOptions<ServiceOptions>().Bind(config.GetSection("Service"))
                .Validate(o => o.MaxUtteranceSeconds > 0, "Service:MaxUtteranceSeconds must be above 0 (every utterance would count as a hang)")
                .ValidateOnStart();
            s.TryAddSingleton(TimeProvider.System);
            s.AddSingleton<LoopHeartbeat>();
            s.AddHostedService<WatchdogService>();
        }
        return s;
    }
}
