using EdgeVoice.Core;

namespace EdgeVoice.Audio;

/// <summary>Turns any decoded WAV into the pipeline's 16 kHz mono clip.</summary>
public static class AudioConvert
{
    public static AudioClip Load(string path, int? channel = null) => ToPipeline(WavReader.Read(path), channel);

    /// <param name="channel">Pick one channel of a mic array; null mixes all channels down.</param>
    public static AudioClip ToPipeline(WavReader.WavData wav, int? channel = null)
    {
        float[] mono = channel is int c
            ? (c >= 0 && c < wav.Channels.Length ? wav.Channels[c] : throw new ArgumentOutOfRangeException(nameof(channel), $"channel {c} of {wav.Channels.Length}"))
            : Mix(wav.Channels);
        return new AudioClip(Resample(mono, wav.SampleRate, AudioClip.PipelineRate));
    }

    public static float[] Mix(float[][] channels)
    {
        if (channels.Length == 1) return channels[0];
        var m = new float[channels[0].Length];
        foreach (var ch in channels)
            for (int i = 0; i < m.Length; i++) m[i] += ch[i];
        for (int i = 0; i < m.Length; i++) m[i] /= channels.Length;
        return m;
    }

    /// <summary>
    /// Band-limited resampling with a Hann-windowed sinc. The cut-off sits below the lower Nyquist so
    /// that downsampling 44.1/48 kHz does not alias hiss into the speech band.
    /// </summary>
    public static float[] Resample(float[] x, int from, int to)
    {
        if (from == to || x.Length == 0) return x;
        const int halfTaps = 16;
        double ratio = (double)to / from, cutoff = Math.Min(1.0, ratio) * 0.95;
        int n = (int)Math.Floor(x.Length * ratio);
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            double t = i / ratio;
            int center = (int)Math.Floor(t);
            double acc = 0, wsum = 0;
            int span = (int)Math.Ceiling(halfTaps / cutoff);
            for (int k = center - span + 1; k <= center + span; k++)
            {
                if (k < 0 || k >= x.Length) continue;
                double d = t - k, arg = d * cutoff;
                double sinc = Math.Abs(arg) < 1e-9 ? 1 : Math.Sin(Math.PI * arg) / (Math.PI * arg);
                double win = 0.5 + 0.5 * Math.Cos(Math.PI * d / (span + 1));
                double w = cutoff * sinc * win;
                acc += x[k] * w;
                wsum += w;
            }
            y[i] = (float)(wsum > 1e-9 ? acc / wsum : 0);
        }
        return y;
    }
}
