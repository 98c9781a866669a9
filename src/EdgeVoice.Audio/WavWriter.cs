using System.Buffers.Binary;
using EdgeVoice.Core;

namespace EdgeVoice.Audio;

public static class WavWriter
{
    /// <summary>Writes 16-bit PCM mono. Written to a temp file and renamed so a reader never sees half a file.</summary>
    public static void Write(string path, AudioClip clip)
    {
        var bytes = ToBytes(clip);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The complete 16-bit PCM mono WAV file as bytes (for a file or a player's stdin).</summary>
    public static byte[] ToBytes(AudioClip clip)
    {
        var pcm = clip.ToPcm16();
        var bytes = new byte[44 + pcm.Length * 2];
        var s = bytes.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], 36 + pcm.Length * 2);
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(s[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], clip.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], clip.SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], 16);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[40..], pcm.Length * 2);
        for (int i = 0; i < pcm.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(s[(44 + i * 2)..], pcm[i]);
        return bytes;
    }
}
