using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Audio;

public static class AudioServiceCollectionExtensions
{
    /// <summary>IAudioSource by Audio:Input (wav | stdin | alsa) and IAudioOutput by Audio:Output (wav | alsa).</summary>
    public static IServiceCollection AddEdgeVoiceAudio(this IServiceCollection s, IConfiguration config)
    {
        s.Configure<AudioOptions>(config.GetSection("Audio"));
        s.AddSingleton<IAudioSource>(sp => CreateSource(sp.GetRequiredService<IOptions<AudioOptions>>().Value));
        s.AddSingleton<IAudioOutput>(sp => CreateOutput(sp.GetRequiredService<IOptions<AudioOptions>>().Value));
        s.AddSingleton<AlsaMixer>();
        return s;
    }

    public static IAudioSource CreateSource(AudioOptions o)
    {
        var sel = new ChannelSelector(o.Channels, ChannelSelector.Parse(o.Channel));
        return o.Input.ToLowerInvariant() switch
        {
            "wav" => new WavFileSource(o.InputFile ?? throw new InvalidOperationException("Audio:InputFile is required when Audio:Input is wav"), o.Realtime),
            "stdin" => RawPcmSource.Stdin(sel),
            "alsa" => o.CaptureStallSeconds > 0
                ? new AlsaCaptureSource(o.CaptureDevice, sel, stallTimeout: TimeSpan.FromSeconds(o.CaptureStallSeconds))
                : throw new InvalidOperationException($"Audio:CaptureStallSeconds must be above 0 (is {o.CaptureStallSeconds})"),
            _ => throw new InvalidOperationException($"Audio:Input '{o.Input}' is not one of wav, stdin, alsa"),
        };
    }

    public static IAudioOutput CreateOutput(AudioOptions o) => o.Output.ToLowerInvariant() switch
    {
        "wav" => new WavFileOutput(o.OutputDir),
        "alsa" => new AlsaOutput(o.PlaybackDevice),
        _ => throw new InvalidOperationException($"Audio:Output '{o.Output}' is not one of wav, alsa"),
    };
}
