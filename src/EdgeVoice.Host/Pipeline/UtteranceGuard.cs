using EdgeVoice.Audio;
using EdgeVoice.Core;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Host.Pipeline;

/// <summary>Rejects audio that cannot be a spoken command before any model runs on it.</summary>
public sealed class UtteranceGuard(IOptions<UtteranceOptions> options)
{
    /// <summary>A WAV file as one utterance; its length is checked from the header, before decoding.</summary>
    public AudioClip Load(string path)
    {
        var info = WavReader.ReadInfo(path);
        TooLong(info.Seconds, path);
        return Check(AudioConvert.Load(path), path);
    }

    public AudioClip Check(AudioClip clip, string name)
    {
        var o = options.Value;
        if (clip.Samples.Length == 0) throw new AudioFormatException($"{name}: contains no audio samples");
        double sum = 0;
        foreach (var s in clip.Samples) sum += s * s;
        if (!double.IsFinite(sum)) throw new AudioFormatException($"{name}: the audio holds samples that are not finite numbers (NaN or infinity)");
        double dbfs = 10 * Math.Log10(sum / clip.Samples.Length + 1e-20);
        if (dbfs < o.SilenceDbfs)
            throw new AudioFormatException($"{name}: no speech, the audio is silent ({dbfs:F0} dBFS)");
        TooLong(clip.Duration.TotalSeconds, name);
        return clip;
    }

    void TooLong(double seconds, string name)
    {
        var max = options.Value.MaxSeconds;
        if (seconds > max)
            throw new AudioFormatException($"{name}: {seconds:F0} s is longer than the {max:F0} s limit for one utterance (Utterance:MaxSeconds); use simulate --stream for long recordings");
    }
}
