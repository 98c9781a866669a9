using System.Buffers.Binary;
using System.Text;
using EdgeVoice.Core;

namespace EdgeVoice.Audio;

/// <summary>
/// Reads RIFF/WAVE files: PCM 8/16/24/32-bit, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE, any rate and
/// channel count. Anything else is an <see cref="AudioFormatException"/> that names the file and the problem.
/// </summary>
public static class WavReader
{
    const ushort FormatPcm = 1, FormatFloat = 3, FormatExtensible = 0xFFFE;

    /// <summary>Raw decoded audio: interleaved frames split into channels.</summary>
    public sealed record WavData(float[][] Channels, int SampleRate, int BitsPerSample)
    {
        public int Frames => Channels.Length == 0 ? 0 : Channels[0].Length;
    }

    public static WavData Read(string path)
    {
        if (!File.Exists(path)) throw new AudioFormatException($"{path}: file not found");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException e) { throw new AudioFormatException($"{path}: cannot read ({e.Message})", e); }
        return Read(bytes, path);
    }

    public static WavData Read(ReadOnlySpan<byte> b, string name = "<stream>")
    {
        if (b.Length == 0) throw new AudioFormatException($"{name}: file is empty");
        if (b.Length < 12 || !Ascii(b, 0, "RIFF") || !Ascii(b, 8, "WAVE"))
            throw new AudioFormatException($"{name}: not a WAV file (no RIFF/WAVE header{Sniff(b)}); convert it with: sox in.xxx -r 16000 -c 1 out.wav");

        int pos = 12;
        ushort format = 0, channels = 0, bits = 0, blockAlign = 0;
        int rate = 0;
        bool haveFmt = false;
        while (pos + 8 <= b.Length)
        {
            string id = Encoding.ASCII.GetString(b.Slice(pos, 4));
            long size = BinaryPrimitives.ReadUInt32LittleEndian(b.Slice(pos + 4, 4));
            int body = pos + 8;
            if (id == "fmt ")
            {
                if (size < 16 || body + 16 > b.Length) throw new AudioFormatException($"{name}: truncated fmt chunk");
                format = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(body));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(body + 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(b.Slice(body + 4));
                blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(body + 12));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(body + 14));
                if (format == FormatExtensible && size >= 40 && body + 26 <= b.Length)
                    format = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(body + 24)); // SubFormat GUID's first two bytes
                haveFmt = true;
            }
            else if (id == "data")
            {
                if (!haveFmt) throw new AudioFormatException($"{name}: data chunk before fmt chunk");
                Validate(name, format, channels, rate, bits, blockAlign);
                long available = b.Length - body;
                // Streams written by tools that never seek back leave size 0 or 0xFFFFFFFF: read to the end.
                long len = size == 0 || size == uint.MaxValue ? available : size;
                if (len > available)
                {
                    if (available < blockAlign) throw new AudioFormatException($"{name}: truncated, data chunk announces {len} bytes but the file holds {available}");
                    len = available; // truncated recording: keep what is there
                }
                return Decode(b.Slice(body, (int)(len - len % blockAlign)), format, channels, rate, bits, blockAlign);
            }
            pos = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }
        throw new AudioFormatException(haveFmt ? $"{name}: truncated, no data chunk" : $"{name}: no fmt chunk");
    }

    static void Validate(string name, ushort format, ushort channels, int rate, ushort bits, ushort blockAlign)
    {
        if (format != FormatPcm && format != FormatFloat)
            throw new AudioFormatException($"{name}: unsupported WAV encoding 0x{format:X4} (only PCM and IEEE float); convert with: sox in.wav -e signed -b 16 out.wav");
        if (channels == 0 || channels > 32) throw new AudioFormatException($"{name}: invalid channel count {channels}");
        if (rate < 4000 || rate > 384000) throw new AudioFormatException($"{name}: unsupported sample rate {rate} Hz");
        bool ok = format == FormatPcm ? bits is 8 or 16 or 24 or 32 : bits is 32 or 64;
        if (!ok) throw new AudioFormatException($"{name}: unsupported bit depth {bits}");
        if (blockAlign != channels * (bits / 8)) throw new AudioFormatException($"{name}: inconsistent block align {blockAlign}");
    }

    static WavData Decode(ReadOnlySpan<byte> d, ushort format, int channels, int rate, int bits, int blockAlign)
    {
        int frames = d.Length / blockAlign, bps = bits / 8;
        var ch = new float[channels][];
        for (int c = 0; c < channels; c++) ch[c] = new float[frames];
        for (int f = 0; f < frames; f++)
            for (int c = 0; c < channels; c++)
                ch[c][f] = Sample(d.Slice(f * blockAlign + c * bps, bps), format, bits);
        return new WavData(ch, rate, bits);
    }

    static float Sample(ReadOnlySpan<byte> s, ushort format, int bits) => (format, bits) switch
    {
        (FormatFloat, 32) => BinaryPrimitives.ReadSingleLittleEndian(s),
        (FormatFloat, _) => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
        (_, 8) => (s[0] - 128) / 128f,
        (_, 16) => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
        (_, 24) => ((s[2] << 24 | s[1] << 16 | s[0] << 8) >> 8) / 8388608f,
        _ => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648f,
    };

    static bool Ascii(ReadOnlySpan<byte> b, int at, string s) =>
        b.Length >= at + s.Length && Encoding.ASCII.GetString(b.Slice(at, s.Length)) == s;

    static string Sniff(ReadOnlySpan<byte> b)
    {
        if (Ascii(b, 0, "ID3") || (b.Length > 1 && b[0] == 0xFF && (b[1] & 0xE0) == 0xE0)) return "; looks like MP3";
        if (Ascii(b, 0, "OggS")) return "; looks like Ogg";
        if (Ascii(b, 0, "fLaC")) return "; looks like FLAC";
        return "";
    }
}
