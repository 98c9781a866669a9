using System.Diagnostics;
using EdgeVoice.Core;
using EdgeVoice.Testing;

namespace EdgeVoice.Audio.Tests;

/// <summary>
/// No sound card here: stand-in scripts take the place of arecord/aplay so the process handling
/// (arguments, channel selection, errors, killing playback) is exercised for real.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class AlsaProcessTests : IDisposable
{
    readonly string _dir = Repo.TempDir("alsa");

    public void Dispose() => Directory.Delete(_dir, true);

    string Script(string name, string body)
    {
        var p = Path.Combine(_dir, name);
        File.WriteAllText(p, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(p, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return p;
    }

    [Fact]
    public async Task CaptureReadsTheRequestedChannelOfTheRecorder()
    {
        // 2-channel s16le: left silent, right a 1 kHz tone, as a 2-mic HAT with one mic covered.
        var sox = Repo.RequireTool("sox");
        var args = Path.Combine(_dir, "args.txt");
        var rec = Script("arecord", $"echo \"$@\" > {args}\nexec {sox} -D -n -r 16000 -c 2 -b 16 -e signed -t raw - synth 0.4 sine 1000 remix 0 1 vol 0.5");
        var frames = new List<float[]>();
        await foreach (var f in new AlsaCaptureSource("plughw:CARD=seeed2micvoicec", new ChannelSelector(2, [1]), rec).ReadFramesAsync()) frames.Add(f);
        Assert.Equal(5, frames.Count);
        Assert.InRange(frames[1].Max(), 0.45, 0.55);
        Assert.Equal("-q -D plughw:CARD=seeed2micvoicec -f S16_LE -r 16000 -c 2 -t raw", File.ReadAllText(args).Trim());
        frames.Clear();
        await foreach (var f in new AlsaCaptureSource("x", new ChannelSelector(2, [0]), rec).ReadFramesAsync()) frames.Add(f);
        Assert.All(frames, f => Assert.Equal(0f, f.Max()));
    }

    [Fact]
    public async Task FailingRecorderReportsItsError()
    {
        var rec = Script("arecord", "echo 'arecord: main:831: audio open error: No such file or directory' >&2; exit 1");
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in new AlsaCaptureSource("hw:9", new ChannelSelector(1), rec).ReadFramesAsync()) { }
        });
        Assert.Contains("hw:9", e.Message);
        Assert.Contains("audio open error", e.Message);
    }

    [Fact]
    public async Task A_recorder_that_stops_delivering_is_killed_and_reported()
    {
        // 0.4 s of audio, then arecord hangs as it does when a USB microphone stalls.
        // The audio is made beforehand and the stall limit leaves room: on two loaded cores sox itself
        // once took longer than a 700 ms limit between two of its writes.
        var sox = Repo.RequireTool("sox");
        var raw = Path.Combine(_dir, "tone.raw");
        var made = await Proc.RunAsync(sox, ["-D", "-n", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed", "-t", "raw", raw, "synth", "0.4", "sine", "440"], TimeSpan.FromSeconds(30));
        Assert.True(made.ExitCode == 0, made.StdErr);
        var pidFile = Path.Combine(_dir, "pid");
        var rec = Script("arecord", $"echo $$ > {pidFile}\ncat {raw}\nexec sleep 600");
        int frames = 0;
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in new AlsaCaptureSource("hw:1", new ChannelSelector(1), rec, TimeSpan.FromSeconds(1.5)).ReadFramesAsync()) frames++;
        }).WaitAsync(TimeSpan.FromSeconds(30)); // without the stall check this would wait for ever
        Assert.Equal(5, frames);
        Assert.Contains("no audio for", e.Message);
        Assert.Contains("hw:1", e.Message);
        int pid = int.Parse(File.ReadAllText(pidFile).Trim());
        // SIGKILL has been sent; the process ends once the kernel schedules it.
        bool Running() { try { return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "); } catch (IOException) { return false; } }
        for (int i = 0; i < 50 && Running(); i++) await Task.Delay(100);
        Assert.False(Running(), "the stalled recorder is still running");
    }

    [Fact]
    public void A_stall_timeout_of_zero_is_a_clear_configuration_error() =>
        Assert.Contains("CaptureStallSeconds", Assert.Throws<InvalidOperationException>(() =>
            AudioServiceCollectionExtensions.CreateSource(new AudioOptions { Input = "alsa", CaptureStallSeconds = 0 })).Message);

    [Fact]
    public async Task StopKillsPlaybackAtOnce()
    {
        var got = Path.Combine(_dir, "played.wav");
        var player = Script("aplay", $"cat > {got}\nsleep 30");
        var output = new AlsaOutput("default", player);
        var clip = new AudioClip(new float[16000]);
        var sw = Stopwatch.StartNew();
        var play = output.PlayAsync(clip, "u1");
        await Task.Delay(500);
        Assert.False(play.IsCompleted);
        output.Stop();
        await play.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(WavWriter.ToBytes(clip), File.ReadAllBytes(got));
    }

    [Fact]
    public async Task Player_and_recorder_get_no_secrets_in_their_environment()
    {
        var names = new[] { "EDGEVOICE__Mqtt__Password", "EDGEVOICE_REMOTE_API_KEY", "HOMEASSISTANT_TOKEN" };
        foreach (var n in names) Environment.SetEnvironmentVariable(n, "secret-" + n);
        try
        {
            var playEnv = Path.Combine(_dir, "play.env");
            var recEnv = Path.Combine(_dir, "rec.env");
            await new AlsaOutput("default", Script("aplay", $"env > {playEnv}\ncat > /dev/null")).PlayAsync(new AudioClip(new float[160]), "u1");
            await foreach (var _ in new AlsaCaptureSource("x", new ChannelSelector(1), Script("arecord", $"env > {recEnv}")).ReadFramesAsync()) { }
            foreach (var file in new[] { playEnv, recEnv })
            {
                var env = File.ReadAllText(file);
                Assert.Contains("PATH=", env); // the rest of the environment is kept
                Assert.DoesNotContain("secret-", env);
            }
        }
        finally { foreach (var n in names) Environment.SetEnvironmentVariable(n, null); }
    }
}
