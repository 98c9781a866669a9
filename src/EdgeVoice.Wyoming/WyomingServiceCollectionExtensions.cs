using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.WakeWord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Wyoming;

public static class WyomingServiceCollectionExtensions
{
    /// <summary>True when Wyoming:Enabled and Wyoming:Satellite:Enabled: the satellite then owns the microphone instead of the local voice loop.</summary>
    public static bool IsSatellite(IConfiguration config) =>
        config.GetSection("Wyoming").Get<WyomingOptions>() is { Enabled: true, Satellite.Enabled: true };

    /// <summary>
    /// The Wyoming server (section "Wyoming") as a hosted service when Wyoming:Enabled; nothing otherwise.
    /// Offers the stages registered by the other AddEdgeVoice* calls (ISpeechToText, ITextToSpeech,
    /// IIntentRecognizer, the wake word front end), and the satellite when Wyoming:Satellite:Enabled.
    /// </summary>
    public static IServiceCollection AddEdgeVoiceWyoming(this IServiceCollection s, IConfiguration config)
    {
        var o = config.GetSection("Wyoming").Get<WyomingOptions>() ?? new WyomingOptions();
        if (!o.Enabled) return s;
        string node = config["NodeId"] ?? "edgevoice";
        var wake = config.GetSection("WakeWord").Get<WakeWordOptions>() ?? new WakeWordOptions();
        string wakeName = wake.Phrase.Trim().ToLowerInvariant().Replace(' ', '_');
        if (o.Wake && o.MaxWakeSessions > 0)
            s.AddSingleton(sp => new WakeDetectors(() => DetectorFrontEnd(sp, wake), o.MaxWakeSessions, wake.Phrase));
        if (o.Satellite.Enabled)
        {
            s.AddSingleton(sp => new Satellite(o.Satellite, o.Satellite.Name is { Length: > 0 } n ? n : $"EdgeVoice {node}", wakeName, o.MaxAudioSeconds,
                sp.GetRequiredService<VoiceFrontEnd>, sp.GetRequiredService<IAudioSource>, sp.GetRequiredService<IAudioOutput>(),
                sp.GetRequiredService<IEventBus>(), sp.GetRequiredService<ILogger<Satellite>>(), sp.GetService<SatelliteHooks>()));
            s.AddSingleton<IHostedService>(sp => sp.GetRequiredService<Satellite>());
        }
        s.AddSingleton(sp => new WyomingStages
        {
            Stt = o.Asr ? sp.GetService<ISpeechToText>() : null,
            Tts = o.Tts ? sp.GetService<ITextToSpeech>() : null,
            TtsVoice = config["Speech:TtsVoice"] ?? "en-us",
            Intents = o.Intent ? OwnIntents(sp) : null,
            Wake = sp.GetService<WakeDetectors>(),
            Satellite = sp.GetService<Satellite>(),
        });
        s.AddSingleton(sp => new WyomingServer(o, sp.GetRequiredService<WyomingStages>(), sp.GetService<ILogger<WyomingServer>>()));
        s.AddSingleton<IHostedService>(sp => sp.GetRequiredService<WyomingServer>());
        if (o.Zeroconf.Enabled)
            s.AddSingleton<IHostedService>(sp => new MdnsAnnouncer(o.Zeroconf.Name is { Length: > 0 } z ? z : $"edgevoice-{node}",
                () => sp.GetRequiredService<WyomingServer>().Port, log: sp.GetService<ILogger<MdnsAnnouncer>>()));
        return s;
    }

    /// <summary>
    /// An intent recogniser of the same kind as the device's, with its own dialog state: a Home Assistant
    /// request never answers a question the device asked ("say yes or no"), nor becomes the "it" of its next command.
    /// </summary>
    static IIntentRecognizer? OwnIntents(IServiceProvider sp) =>
        sp.GetService<IIntentRecognizer>() is { } shared ? (IIntentRecognizer)ActivatorUtilities.CreateInstance(sp, shared.GetType()) : null;

    /// <summary>
    /// A front end of its own for one `detect` client, scored as the device's own (the trained head). The
    /// pocketsphinx second stage is not used here: it runs only when configured for the pre-trained model
    /// or with WakeWord:HeadVerifier, and it cannot be shared between front ends.
    /// </summary>
    static VoiceFrontEnd DetectorFrontEnd(IServiceProvider sp, WakeWordOptions configured)
    {
        var o = configured.ForHead();
        o.Threshold = configured.Threshold;
        o.Verifier = WakeWordOptions.NoVerifier;
        o.KeepCommandAudio = false;
        return new VoiceFrontEnd(o, sp.GetRequiredService<IOptions<EdgeVoiceOptions>>().Value.ModelsDir, log: sp.GetService<ILogger<VoiceFrontEnd>>());
    }
}
