using EdgeVoice.Core;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Host.Pipeline;

/// <summary>Rejects audio that cannot be a spoken command before any model runs on it.</summary>
public sealed class UtteranceGuard(IOptions<UtteranceOptions> options)
{
    public AudioClip Check(AudioClip clip, string name)
    {
        var o = options.Value;
        if (clip.Samples.Length == 0) throw new AudioFormatException($"{name}: contains no audio samples");
        double sum = 0;
        foreach (var s in clip.Samples) sum += s * s;
        double dbfs = 10 * Math.Log10(sum / clip.Samples.Length + 1e-20);
        if (dbfs < o.SilenceDbfs)
            throw new AudioFormatException($"{name}: no speech, the audio is silent ({dbfs:F0} dBFS)");
        if (clip.Duration.TotalSeconds > o.MaxSeconds)
            throw new AudioFormatException($"{name}: {clip.Duration.TotalSeconds:F0} s is longer than the {o.MaxSeconds:F0} s limit for one utterance (Utterance:MaxSeconds); use simulate --stream for long recordings");
        return clip;
    }
}
