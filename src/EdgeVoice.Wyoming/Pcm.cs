using System.Buffers.Binary;
using System.Text.Json.Nodes;
using EdgeVoice.Audio;
using EdgeVoice.Core;

namespace EdgeVoice.Wyoming;

/// <summary>A Wyoming audio format (rate in Hz, width in bytes per sample, channels), checked on the way in.</summary>
public readonly record struct PcmFormat(int Rate, int Width, int Channels)
{
    public static readonly PcmFormat Pipeline = new(AudioClip.PipelineRate, 2, 1);

    public int FrameBytes => Width * Channels;

    public static PcmFormat From(WyomingEvent e)
    {
        int rate = e.Int("rate") ?? throw Bad(e, "rate"), width = e.Int("width") ?? throw Bad(e, "width"), channels = e.Int("channels") ?? throw Bad(e, "channels");
        if (rate is < 4000 or > 192000) throw new WyomingProtocolException($"{e.Type}: rate {rate} Hz is not between 4000 and 192000", "bad-audio", fatal: false);
        if (width is < 1 or > 4) throw new WyomingProtocolException($"{e.Type}: width {width} bytes is not 1, 2, 3 or 4", "bad-audio", fatal: false);
        if (channels is < 1 or > 16) throw new WyomingProtocolException($"{e.Type}: {channels} channels is not between 1 and 16", "bad-audio", fatal: false);
        return new(rate, width, channels);
    }

    static WyomingProtocolException Bad(WyomingEvent e, string key) => new($"{e.Type}: \"{key}\" is missing or not a whole number", "bad-audio", fatal: false);

    public void WriteTo(JsonObject data) { data["rate"] = Rate; data["width"] = Width; data["channels"] = Channels; }
}

/// <summary>Conversions between Wyoming PCM and the pipeline's float samples.</summary>
public static class Pcm
{
    /// <summary>Little-endian PCM (8-bit unsigned, 16/24/32-bit signed) mixed down to mono floats in [-1, 1], at its own rate.</summary>
    public static float[] ToMono(ReadOnlySpan<byte> pcm, PcmFormat f)
    {
        if (pcm.Length % f.FrameBytes != 0)
            throw new WyomingProtocolException($"audio-chunk of {pcm.Length} bytes is not whole frames of {f.FrameBytes} bytes ({f.Width}-byte samples × {f.Channels} channels)", "bad-audio", fatal: false);
        int frames = pcm.Length / f.FrameBytes;
        var mono = new float[frames];
        for (int i = 0; i < frames; i++)
        {
            float sum = 0;
            for (int c = 0; c < f.Channels; c++) sum += Sample(pcm.Slice((i * f.Channels + c) * f.Width, f.Width));
            mono[i] = sum / f.Channels;
        }
        return mono;
    }

    static float Sample(ReadOnlySpan<byte> b) => b.Length switch
    {
        1 => (b[0] - 128) / 128f,
        2 => BinaryPrimitives.ReadInt16LittleEndian(b) / 32768f,
        3 => ((b[2] << 24) | (b[1] << 16) | (b[0] << 8)) / 2147483648f,
        _ => BinaryPrimitives.ReadInt32LittleEndian(b) / 2147483648f,
    };

    /// <summary>Mono floats at <paramref name="rate"/> to the pipeline's 16 kHz.</summary>
    public static float[] ToPipelineRate(float[] mono, int rate) => AudioConvert.Resample(mono, rate, AudioClip.PipelineRate);

    /// <summary>16-bit little-endian mono PCM of a clip.</summary>
    public static byte[] ToBytes(AudioClip clip)
    {
        var pcm = clip.ToPcm16();
        var bytes = new byte[pcm.Length * 2];
        for (int i = 0; i < pcm.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), pcm[i]);
        return bytes;
    }
}
