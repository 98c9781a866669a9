using System.Buffers.Binary;
using System.Text;
using EdgeVoice.Core;
using EdgeVoice.Testing;

namespace EdgeVoice.Audio.Tests;

/// <summary>A file's length comes from its header before any decoding; corrupt float samples are rejected.</summary>
public sealed class WavHeaderTests : IDisposable
{
    readonly string _dir = Repo.TempDir("wav-header");

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A WAV header for <paramref name="dataBytes"/> of samples; the samples themselves are left to the caller.</summary>
    internal static byte[] Header(ushort format, int channels, int rate, int bits, long dataBytes)
    {
        var h = new byte[44];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(h, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), (uint)Math.Min(36 + dataBytes, uint.MaxValue));
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(h, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(20), format);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(28), rate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(32), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(34), (ushort)bits);
        Encoding.ASCII.GetBytes("data").CopyTo(h, 36);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(40), (uint)dataBytes);
        return h;
    }

    /// <summary>The probe of the issue: 20 MB of 8-bit audio at 4 kHz, 5000 s.</summary>
    internal static string LongFile(string dir)
    {
        var path = Path.Combine(dir, "long-4k.wav");
        const int bytes = 20_000_000;
        using var f = File.Create(path);
        f.Write(Header(1, 1, 4000, 8, bytes));
        f.SetLength(44 + bytes);
        return path;
    }

    [Fact]
    public void The_length_of_a_long_file_is_read_from_its_header_alone()
    {
        var path = LongFile(_dir);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var info = WavReader.ReadInfo(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(5000, info.Seconds, 3);
        Assert.True(allocated < 64 * 1024, $"reading the header allocated {allocated} bytes");
    }

    [Fact]
    public void The_header_of_a_real_file_agrees_with_its_decoded_samples()
    {
        var path = Path.Combine(_dir, "tone.wav");
        WavWriter.Write(path, new AudioClip([.. Enumerable.Range(0, 8000).Select(i => MathF.Sin(i * 0.1f) * 0.3f)]));
        var info = WavReader.ReadInfo(path);
        Assert.Equal((8000L, 16000, 1), (info.Frames, info.SampleRate, info.Channels));
        Assert.Equal(info.Frames, WavReader.Read(path).Frames);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Non_finite_float_samples_are_rejected(float bad)
    {
        var samples = new byte[4 * 1600];
        for (int i = 0; i < 1600; i++) BinaryPrimitives.WriteSingleLittleEndian(samples.AsSpan(4 * i), i == 800 ? bad : 0.1f);
        var path = Path.Combine(_dir, "nan.wav");
        File.WriteAllBytes(path, [.. Header(3, 1, 16000, 32, samples.Length), .. samples]);
        var e = Assert.Throws<AudioFormatException>(() => AudioConvert.Load(path));
        Assert.Contains("nan.wav", e.Message);
        Assert.Contains("sample 800 is not a finite number", e.Message);
    }
}
