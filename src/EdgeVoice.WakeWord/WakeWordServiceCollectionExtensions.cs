using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.WakeWord;

public static class WakeWordServiceCollectionExtensions
{
    /// <summary>
    /// The always-listening <see cref="VoiceFrontEnd"/> (section "WakeWord"), models from WakeWord:ModelsDir or
    /// the root ModelsDir. With WakeWord:Verifier other than "none" an <see cref="IWakeVerifier"/> must be registered (AddEdgeVoiceSpeech registers pocketsphinx's).
    /// Options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddEdgeVoiceWakeWord(this IServiceCollection s, IConfiguration config)
    {
        s.AddOptions<WakeWordOptions>().Bind(config.GetSection("WakeWord")).ValidateOnStart();
        s.AddSingleton<IValidateOptions<WakeWordOptions>, WakeWordOptionsValidator>();
        s.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<WakeWordOptions>>().Value;
            return new VoiceFrontEnd(o, sp.GetRequiredService<IOptions<EdgeVoiceOptions>>().Value.ModelsDir,
                sp.GetService<IEventBus>(), sp.GetService<ILogger<VoiceFrontEnd>>(), o.HasVerifier ? sp.GetService<IWakeVerifier>() : null)
            {
                Streaming = o.StreamCommands ? sp.GetService<ISpeechToText>() as IStreamingSpeechToText : null,
            };
        });
        return s;
    }

    sealed class WakeWordOptionsValidator : IValidateOptions<WakeWordOptions>
    {
        public ValidateOptionsResult Validate(string? name, WakeWordOptions o)
        {
            var problems = o.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
