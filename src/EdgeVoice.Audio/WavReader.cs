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

    /// <summary>What the header says: the format and where the samples are, read without the samples.</summary>
    public sealed record WavInfo(ushort Format, int Channels, int SampleRate, int BitsPerSample, int BlockAlign, long DataOffset, long DataBytes)
    {
        public long Frames => DataBytes / BlockAlign;
        public double Seconds => (double)Frames / SampleRate;
    }

    public static WavData Read(string path)
    {
        if (!File.Exists(path)) throw new AudioFormatException($"{path}: file not found");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException e) { throw new AudioFormatException($"{path}: cannot read ({e.Message})", e); }
        return Read(bytes, path);
    }

    public static WavData Read(byte[] b, string name = "<stream>")
    {
        var info = Info(b.Length, (at, buf) => { int n = (int)Math.Clamp(b.Length - at, 0, buf.Length); Array.Copy(b, at, buf, 0, n); return n; }, name);
        return Decode(b.AsSpan((int)info.DataOffset, (int)info.DataBytes), info, name);
    }

    /// <summary>The header of a file, reading only its chunk headers: a long file's length is known before it is decoded.</summary>
    public static WavInfo ReadInfo(string path)
    {
        if (!File.Exists(path)) throw new AudioFormatException($"{path}: file not found");
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            return Info(fs.Length, (at, buf) => { fs.Position = at; return fs.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false); }, path);
        }
        catch (IOException e) { throw new AudioFormatException($"{path}: cannot read ({e.Message})", e); }
    }

    /// <param name="readAt">Fills the buffer from an offset; returns how many bytes there were.</param>
    static WavInfo Info(long length, Func<long, byte[], int> readAt, string name)
    {
        if (length == 0) throw new AudioFormatException($"{name}: file is empty");
        var head = new byte[12];
        int got = readAt(0, head);
        if (got < 12 || !Ascii(head, 0, "RIFF") || !Ascii(head, 8, "WAVE"))
            throw new AudioFormatException($"{name}: not a WAV file (no RIFF/WAVE header{Sniff(head.AsSpan(0, got))}); convert it with: sox in.xxx -r 16000 -c 1 out.wav");

        long pos = 12;
        ushort format = 0, channels = 0, bits = 0, blockAlign = 0;
        int rate = 0;
        bool haveFmt = false;
        var chunk = new byte[8];
        while (pos + 8 <= length && readAt(pos, chunk) == 8)
        {
            string id = Encoding.ASCII.GetString(chunk, 0, 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            long body = pos + 8;
            if (id == "fmt ")
            {
                var f = new byte[40];
                int n = readAt(body, f);
                if (size < 16 || n < 16) throw new AudioFormatException($"{name}: truncated fmt chunk");
                format = BinaryPrimitives.ReadUInt16LittleEndian(f);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(f.AsSpan(4));
                blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(12));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(14));
                if (format == FormatExtensible && size >= 40 && n >= 26)
                    format = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(24)); // SubFormat GUID's first two bytes
                haveFmt = true;
            }
            else if (id == "data")
            {
                if (!haveFmt) throw new AudioFormatException($"{name}: data chunk before fmt chunk");
                Validate(name, format, channels, rate, bits, blockAlign);
                long available = length - body;
                // Streams written by tools that never seek back leave size 0 or 0xFFFFFFFF: read to the end.
                long len = size == 0 || size == uint.MaxValue ? available : size;
                if (len > available)
                {
                    if (available < blockAlign) throw new AudioFormatException($"{name}: truncated, data chunk announces {len} bytes but the file holds {available}");
                    len = available; // truncated recording: keep what is there
                }
                if (len > int.MaxValue) throw new AudioFormatException($"{name}: {len} bytes of audio is more than one file can hold here");
                return new WavInfo(format, channels, rate, bits, blockAlign, body, len - len % blockAlign);
            }
            pos = body + size + (size & 1);
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

    static WavData Decode(ReadOnlySpan<byte> d, WavInfo w, string name)
    {
        int frames = d.Length / w.BlockAlign, bps = w.BitsPerSample / 8;
        var ch = new float[w.Channels][];
        for (int c = 0; c < w.Channels; c++) ch[c] = new float[frames];
        for (int f = 0; f < frames; f++)
            for (int c = 0; c < w.Channels; c++)
            {
                float v = Sample(d.Slice(f * w.BlockAlign + c * bps, bps), w.Format, w.BitsPerSample);
                // NaN passes every level check (NaN < x is false) and poisons the decoders' features.
                if (!float.IsFinite(v)) throw new AudioFormatException($"{name}: sample {f} is not a finite number ({v}); the file is corrupt");
                ch[c][f] = v;
            }
        return new WavData(ch, w.SampleRate, w.BitsPerSample);
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
