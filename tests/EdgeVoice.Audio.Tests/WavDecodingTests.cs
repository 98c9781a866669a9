using EdgeVoice.Core;
using EdgeVoice.Testing;

namespace EdgeVoice.Audio.Tests;

public class WavDecodingTests : IDisposable
{
    readonly string _dir = Repo.TempDir("wav");

    public void Dispose() => Directory.Delete(_dir, true);

    async Task<string> Sox(string name, params string[] args)
    {
        var path = Path.Combine(_dir, name);
        var r = await Proc.RunAsync(Repo.RequireTool("sox"), [.. args.Select(a => a == "OUT" ? path : a)]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        return path;
    }

    [Fact]
    public void EmptyFileIsRejectedNamingTheFile()
    {
        var p = Path.Combine(_dir, "empty.wav");
        File.WriteAllBytes(p, []);
        var e = Assert.Throws<AudioFormatException>(() => AudioConvert.Load(p));
        Assert.Contains("empty.wav", e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public async Task TruncatedFileKeepsWhatIsThereOrSaysTruncated()
    {
        var full = await Sox("tone.wav", "-n", "-r", "16000", "-c", "1", "-b", "16", "OUT", "synth", "1", "sine", "440");
        var bytes = File.ReadAllBytes(full);
        var half = Path.Combine(_dir, "half.wav");
        File.WriteAllBytes(half, bytes[..(bytes.Length / 2)]);
        Assert.InRange(AudioConvert.Load(half).Samples.Length, 7000, 8100);
        var header = Path.Combine(_dir, "header.wav");
        File.WriteAllBytes(header, bytes[..30]);
        var e = Assert.Throws<AudioFormatException>(() => AudioConvert.Load(header));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public async Task Mp3RenamedToWavIsRecognised()
    {
        var mp3 = Path.Combine(_dir, "song.mp3");
        var r = await Proc.RunAsync(Repo.RequireTool("ffmpeg"), ["-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1", mp3]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        var fake = Path.Combine(_dir, "song.wav");
        File.Move(mp3, fake);
        var e = Assert.Throws<AudioFormatException>(() => AudioConvert.Load(fake));
        Assert.Contains("song.wav", e.Message);
        Assert.Contains("MP3", e.Message);
    }

    [Theory]
    [InlineData("8k-stereo.wav", 8000, 2, 16, "signed")]
    [InlineData("24bit.wav", 44100, 1, 24, "signed")]
    [InlineData("float.wav", 48000, 1, 32, "floating-point")]
    public async Task OtherFormatsBecome16kMonoAtTheSameLevel(string name, int rate, int channels, int bits, string encoding)
    {
        var p = await Sox(name, "-n", "-r", rate.ToString(), "-c", channels.ToString(), "-b", bits.ToString(), "-e", encoding, "OUT", "synth", "1", "sine", "440", "vol", "0.5");
        var clip = AudioConvert.Load(p);
        Assert.Equal(16000, clip.SampleRate);
        Assert.InRange(clip.Samples.Length, 15900, 16000);
        Assert.InRange(Peak(clip.Samples[1000..^1000]), 0.47, 0.53);
    }

    [Fact]
    public void WriterOutputReadsBack()
    {
        var p = Path.Combine(_dir, "rt.wav");
        var x = Enumerable.Range(0, 1600).Select(i => (float)Math.Sin(i * 0.1) * 0.4f).ToArray();
        WavWriter.Write(p, new AudioClip(x));
        var back = AudioConvert.Load(p).Samples;
        Assert.Equal(x.Length, back.Length);
        Assert.All(x.Zip(back), t => Assert.InRange(t.First - t.Second, -1e-4, 1e-4));
        Assert.Equal(File.ReadAllBytes(p), WavWriter.ToBytes(new AudioClip(back)));
    }

    internal static double Peak(float[] x) => x.Max(v => Math.Abs(v));
}
