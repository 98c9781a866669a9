namespace EdgeVoice.Core;

/// <summary>Mono PCM audio as floats in [-1, 1]. The pipeline's canonical form is 16 kHz.</summary>
public sealed class AudioClip
{
    public const int PipelineRate = 16000;

    public AudioClip(float[] samples, int sampleRate = PipelineRate)
    {
        if (sampleRate <= 0) throw new ArgumentOutOfRangeException(nameof(sampleRate));
        Samples = samples;
        SampleRate = sampleRate;
    }

    public float[] Samples { get; }
    public int SampleRate { get; }
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);

    public short[] ToPcm16()
    {
        var pcm = new short[Samples.Length];
        ToPcm16(Samples, pcm);
        return pcm;
    }

    /// <summary>Samples in [-1, 1] as 16-bit PCM into <paramref name="pcm"/> (at least as long), clipped.</summary>
    public static void ToPcm16(ReadOnlySpan<float> samples, Span<short> pcm)
    {
        for (int i = 0; i < samples.Length; i++)
            pcm[i] = (short)Math.Clamp(MathF.Round(samples[i] * 32767f), short.MinValue, short.MaxValue);
    }

    public static AudioClip FromPcm16(ReadOnlySpan<short> pcm, int sampleRate = PipelineRate)
    {
        var f = new float[pcm.Length];
        for (int i = 0; i < f.Length; i++) f[i] = pcm[i] / 32768f;
        return new AudioClip(f, sampleRate);
    }

    public AudioClip Slice(int start, int length) =>
        new(Samples.AsSpan(start, length).ToArray(), SampleRate);
}
