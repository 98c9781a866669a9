using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.WakeWord;

public static class WakeWordServiceCollectionExtensions
{
    /// <summary>The always-listening <see cref="VoiceFrontEnd"/> (section "WakeWord"), models from WakeWord:ModelsDir or the root ModelsDir.</summary>
    public static IServiceCollection AddEdgeVoiceWakeWord(this IServiceCollection s, IConfiguration config)
    {
        s.Configure<WakeWordOptions>(config.GetSection("WakeWord"));
        s.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<WakeWordOptions>>().Value;
            return new VoiceFrontEnd(o, sp.GetRequiredService<IOptions<EdgeVoiceOptions>>().Value.ModelsDir,
                sp.GetService<IEventBus>(), sp.GetService<ILogger<VoiceFrontEnd>>())
            {
                Streaming = o.StreamCommands ? sp.GetService<ISpeechToText>() as IStreamingSpeechToText : null,
            };
        });
        return s;
    }
}
