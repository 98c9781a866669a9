using EdgeVoice.Core;
using EdgeVoice.Speech.PocketSphinx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>
    /// ISpeechToText by Speech:Mode (auto | commands | open), ITextToSpeech (espeak-ng), and the wake word's
    /// pocketsphinx IWakeVerifier (used when WakeWord:Verifier is "pocketsphinx").
    /// </summary>
    public static IServiceCollection AddEdgeVoiceSpeech(this IServiceCollection s, IConfiguration config)
    {
        s.Configure<SpeechOptions>(config.GetSection("Speech"));
        s.TryAddSingleton<DeviceCatalog>();
        s.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SpeechOptions>>().Value;
            var log = sp.GetRequiredService<ILogger<GrammarRecognizer>>();
            return new GrammarRecognizer(sp.GetRequiredService<IOptions<SpeechOptions>>(), sp.GetRequiredService<DeviceCatalog>(),
                log, sp.GetService<IDialogState>(), GrammarSource.From(o.GrammarSource, sp.GetService<ISentenceGrammar>(),
                    sp.GetKeyedService<ISentenceGrammar>(SentenceGrammars.OnDevice), o.Dictionary, log),
                // "What time is it", "turn on the lights" only where the template tier is there to understand them.
                config.GetValue("Intents:Templates", true) ? new TemplateTier(config["Intents:SatelliteArea"] ?? "") : null);
        });
        s.AddSingleton<WhisperRecognizer>();
        s.AddSingleton(sp => new AutoRecognizer(sp.GetRequiredService<GrammarRecognizer>(), sp.GetRequiredService<WhisperRecognizer>(),
            sp.GetRequiredService<DeviceCatalog>(), sp.GetRequiredService<ILogger<AutoRecognizer>>()));
        var mode = (config["Speech:Mode"] ?? "auto").ToLowerInvariant();
        s.AddSingleton<ISpeechToText>(sp => mode switch
        {
            "commands" => sp.GetRequiredService<GrammarRecognizer>(),
            "open" => sp.GetRequiredService<WhisperRecognizer>(),
            "auto" => sp.GetRequiredService<AutoRecognizer>(),
            _ => throw new InvalidOperationException($"Speech:Mode '{mode}' is not one of auto, commands, open"),
        });
        s.AddSingleton<ITextToSpeech, EspeakTts>();
        s.AddSingleton<IWakeVerifier>(sp => new KeyphraseVerifier(sp.GetRequiredService<IOptions<SpeechOptions>>().Value, sp.GetService<ILogger<KeyphraseVerifier>>()));
        return s;
    }
}
