using System.Buffers.Binary;
using System.Diagnostics;
using EdgeVoice.Core;
using EdgeVoice.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeVoice.Audio.Tests;

public class SourceTests
{
    static byte[] Interleaved(int frames, int channels, Func<int, int, short> value)
    {
        var b = new byte[frames * channels * 2];
        for (int f = 0; f < frames; f++)
            for (int c = 0; c < channels; c++)
                BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan((f * channels + c) * 2), value(f, c));
        return b;
    }

    static async Task<List<float[]>> All(IAudioSource s)
    {
        var r = new List<float[]>();
        await foreach (var f in s.ReadFramesAsync()) r.Add(f);
        return r;
    }

    [Fact]
    public void ChannelSelectionPicksOrMixes()
    {
        var pcm = Interleaved(4, 4, (f, c) => (short)(1000 * (c + 1)));
        var mono = new float[4];
        new ChannelSelector(4, [2]).ToMono(pcm, mono);
        Assert.All(mono, v => Assert.Equal(3000 / 32768f, v, 5));
        new ChannelSelector(4, [0, 2]).ToMono(pcm, mono);
        Assert.All(mono, v => Assert.Equal(2000 / 32768f, v, 5));
        new ChannelSelector(4).ToMono(pcm, mono);
        Assert.All(mono, v => Assert.Equal(2500 / 32768f, v, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChannelSelector(2, [2]));
        Assert.Equal([0, 2], ChannelSelector.Parse("0, 2"));
        Assert.Null(ChannelSelector.Parse("mix"));
        Assert.Throws<FormatException>(() => ChannelSelector.Parse("left"));
    }

    [Fact]
    public async Task RawPcmStreamBecomesFixedFramesWithPaddedTail()
    {
        var pcm = Interleaved(AudioFrames.Samples * 2 + 100, 2, (f, c) => c == 1 ? (short)16384 : (short)0);
        var frames = await All(new RawPcmSource(() => new MemoryStream(pcm), new ChannelSelector(2, [1]), "test"));
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.Equal(AudioFrames.Samples, f.Length));
        Assert.Equal(0.5f, frames[2][99]);
        Assert.Equal(0f, frames[2][100]);
    }

    [Fact]
    public async Task StdinOfAChildProcessIsReadAsRawPcm()
    {
        // A real pipe: sox writes s16le to stdout, which is what `arecord ... | edgevoice` delivers.
        var sox = Repo.RequireTool("sox");
        var psi = new ProcessStartInfo(sox) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-n", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed", "-t", "raw", "-", "synth", "0.5", "sine", "1000", "vol", "0.5" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var frames = await All(new RawPcmSource(() => p.StandardOutput.BaseStream, new ChannelSelector(1), "pipe"));
        Assert.Equal(7, frames.Count); // 8000 samples = 6.25 frames
        Assert.InRange(frames[2].Max(), 0.48, 0.52);
    }

    [Fact]
    public async Task WavSourceRunsFastOrAtRealTime()
    {
        var dir = Repo.TempDir("src");
        var p = Path.Combine(dir, "1s.wav");
        WavWriter.Write(p, new AudioClip(new float[16000]));
        var sw = Stopwatch.StartNew();
        Assert.Equal(13, (await All(new WavFileSource(p))).Count);
        Assert.True(sw.ElapsedMilliseconds < 500, $"fast read took {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        await All(new WavFileSource(p, realtime: true));
        Assert.InRange(sw.ElapsedMilliseconds, 900, 3000); // last frame is due at 960 ms
        Directory.Delete(dir, true);
    }

    [Fact]
    public void RingBufferKeepsTheMostRecentSamples()
    {
        var rb = new AudioRingBuffer(5);
        rb.Write([1, 2, 3]);
        Assert.Equal([2f, 3f], rb.Last(2));
        rb.Write([4, 5, 6, 7]);
        Assert.Equal([3f, 4f, 5f, 6f, 7f], rb.Last(10));
        rb.Write([8, 9, 10, 11, 12, 13]);
        Assert.Equal([9f, 10f, 11f, 12f, 13f], rb.Last(5));
        Assert.Equal(13, rb.Written);
        rb.Clear();
        Assert.Empty(rb.Last(3));
    }

    [Fact]
    public void ConfigurationSelectsSourcesAndOutputs()
    {
        IServiceProvider Build(params (string, string)[] kv) => new ServiceCollection()
            .AddEdgeVoiceAudio(new ConfigurationBuilder().AddInMemoryCollection(kv.Select(t => new KeyValuePair<string, string?>(t.Item1, t.Item2))).Build())
            .BuildServiceProvider();
        var alsa = Build(("Audio:Input", "alsa"), ("Audio:CaptureDevice", "plughw:CARD=seeed4micvoicec"), ("Audio:Channels", "4"), ("Audio:Channel", "0,2"));
        Assert.Equal("alsa:plughw:CARD=seeed4micvoicec", alsa.GetRequiredService<IAudioSource>().Name);
        Assert.IsType<AlsaOutput>(alsa.GetRequiredService<IAudioOutput>());
        Assert.Equal("stdin", Build(("Audio:Input", "stdin")).GetRequiredService<IAudioSource>().Name);
        Assert.IsType<WavFileOutput>(Build(("Audio:Output", "wav")).GetRequiredService<IAudioOutput>());
        var bad = Assert.Throws<InvalidOperationException>(() => Build(("Audio:Input", "pulse")).GetRequiredService<IAudioSource>());
        Assert.Contains("pulse", bad.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Build(("Audio:Channels", "2"), ("Audio:Channel", "3")).GetRequiredService<IAudioSource>());
        Assert.Equal(["-q", "-D", "hw:1", "-f", "S16_LE", "-r", "16000", "-c", "2", "-t", "raw"], AlsaCaptureSource.Arguments("hw:1", 2));
    }
}
