using System.Buffers.Binary;

namespace EdgeVoice.Audio;

/// <summary>
/// Turns interleaved s16le frames from a mic array into mono: one channel, a mix of some channels,
/// or a mix of all. The ReSpeaker 4-mic HAT delivers 4 raw mics; mixing two opposite mics is a cheap
/// way to lose the worst room reflections without beamforming.
/// </summary>
public sealed class ChannelSelector
{
    readonly int _channels;
    readonly int[] _pick;

    /// <param name="channels">Channels in the interleaved input.</param>
    /// <param name="pick">Channels to mix (0-based); null or empty mixes all.</param>
    public ChannelSelector(int channels, IReadOnlyList<int>? pick = null)
    {
        if (channels < 1 || channels > 32) throw new ArgumentOutOfRangeException(nameof(channels), $"channel count {channels} (1..32)");
        _channels = channels;
        _pick = pick is { Count: > 0 } ? pick.ToArray() : Enumerable.Range(0, channels).ToArray();
        foreach (var c in _pick)
            if (c < 0 || c >= channels) throw new ArgumentOutOfRangeException(nameof(pick), $"channel {c} does not exist in a {channels}-channel input");
    }

    public int Channels => _channels;
    public int BytesPerFrame => _channels * 2;

    /// <summary>Parses "0", "0,2", "mix" or "" (mix all) as used in configuration.</summary>
    public static int[]? Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec) || spec.Trim().Equals("mix", StringComparison.OrdinalIgnoreCase)) return null;
        return spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, out var c) ? c : throw new FormatException($"channel selection '{spec}': '{s}' is not a number"))
            .ToArray();
    }

    /// <summary>Converts whole interleaved frames of <paramref name="pcm"/>; returns the mono sample count written.</summary>
    public int ToMono(ReadOnlySpan<byte> pcm, Span<float> mono)
    {
        int frames = pcm.Length / BytesPerFrame;
        if (mono.Length < frames) throw new ArgumentException("output too small", nameof(mono));
        float scale = 1f / (32768f * _pick.Length);
        for (int f = 0; f < frames; f++)
        {
            int acc = 0;
            var frame = pcm.Slice(f * BytesPerFrame, BytesPerFrame);
            foreach (var c in _pick) acc += BinaryPrimitives.ReadInt16LittleEndian(frame[(c * 2)..]);
            mono[f] = acc * scale;
        }
        return frames;
    }
}
