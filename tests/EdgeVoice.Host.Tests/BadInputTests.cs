using System.Text.Json;
using EdgeVoice.Testing;

namespace EdgeVoice.Host.Tests;

/// <summary>Bad input gets a clear error in its JSON line; the other files are still processed.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Each_bad_file_reports_a_clear_error_and_the_good_ones_still_run()
    {
        var dir = Repo.TempDir("bad");
        var good = await Espeak.SayAsync("turn on the kitchen light", dir);
        var empty = Path.Combine(dir, "empty.wav");
        File.WriteAllBytes(empty, []);
        var truncated = Path.Combine(dir, "truncated.wav");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..30]);
        var mp3 = Path.Combine(dir, "song.wav");
        await Sox(good, "-t", "mp3", mp3);
        var lowStereo = Path.Combine(dir, "8k-stereo.wav");
        await Sox(good, "-r", "8000", "-c", "2", lowStereo);
        var silence = Path.Combine(dir, "silence-5min.wav");
        await Sox("-n", "-r", "16000", "-c", "1", "-b", "16", silence, "trim", "0", "300");
        var shortSilence = Path.Combine(dir, "silence-2s.wav");
        await Sox("-n", "-r", "16000", "-c", "1", "-b", "16", shortSilence, "trim", "0", "2");
        var missing = Path.Combine(dir, "does-not-exist.wav");

        var files = new[] { empty, truncated, mp3, lowStereo, silence, shortSilence, missing, good };
        var run = await SimulateCli.SimulateWithBrokerAsync(files, dir);

        Assert.True(run.ExitCode == 0, $"some files succeeded, so the run must exit 0; got {run.ExitCode}\n{run.StdErr}");
        Assert.Equal(files.Length, run.Lines.Count);
        var byFile = run.Lines.ToDictionary(l => l.GetProperty("file").GetString()!);
        Assert.Contains("empty", byFile[empty].Error());
        Assert.Contains("truncated", byFile[truncated].Error());
        Assert.Contains("MP3", byFile[mp3].Error());
        Assert.Contains("300 s is longer than the 30 s limit", byFile[silence].Error() ?? ""); // from the header, before decoding
        Assert.Contains("silent", byFile[shortSilence].Error() ?? "");
        Assert.Contains("not found", byFile[missing].Error());
        // The first command after start-up: heard right, and published or, when the two passes disagree, asked back.
        Assert.Null(byFile[lowStereo].Error());
        Assert.Equal("turn on the kitchen light", byFile[lowStereo].GetProperty("transcript").GetString());
        Assert.All(byFile[lowStereo].Published(), m => Assert.Equal(("home/kitchen/light/set", "{\"state\":\"ON\"}"), m));
        Assert.Null(byFile[good].Error());
        Assert.Contains(("home/kitchen/light/set", "{\"state\":\"ON\"}"), byFile[good].Published());
    }

    [Fact]
    public async Task A_run_where_every_file_fails_exits_non_zero()
    {
        var dir = Repo.TempDir("bad-all");
        var empty = Path.Combine(dir, "empty.wav");
        File.WriteAllBytes(empty, []);

        var run = await SimulateCli.SimulateWithBrokerAsync([empty], dir);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Single(run.Lines);
        Assert.NotNull(run.Lines[0].Error());
    }

    [Fact]
    public async Task Broker_not_running_is_a_clear_error_in_the_line()
    {
        var dir = Repo.TempDir("nobroker");
        var wav = await Espeak.SayAsync("turn on the kettle", dir);
        int port = MosquittoBroker.FreePort(); // nothing listens here

        var run = await SimulateCli.SimulateAsync([wav], port, dir);

        Assert.Single(run.Lines);
        var err = run.Lines[0].Error();
        Assert.True(err != null && err.Contains("broker", StringComparison.OrdinalIgnoreCase), $"error was: {err}\n{run.StdErr}");
        Assert.Equal("turn on the kettle", run.Lines[0].GetProperty("transcript").GetString());
    }

    [Fact]
    public async Task Missing_model_path_is_a_clear_error_not_a_crash()
    {
        var dir = Repo.TempDir("nomodel");
        var wav = await Espeak.SayAsync("turn on the kettle", dir);
        var env = new Dictionary<string, string>
        {
            ["EDGEVOICE__Speech__Mode"] = "open", // Whisper only, and its model is not there
            ["EDGEVOICE__Speech__WhisperModel"] = Path.Combine(dir, "no-such-model.bin"),
        };

        var run = await SimulateCli.SimulateWithBrokerAsync([wav, wav], dir, env);

        Assert.Equal(2, run.Lines.Count);
        foreach (var l in run.Lines)
            Assert.Contains("no-such-model.bin", l.Error() ?? "");
    }

    [Fact]
    public async Task Missing_wake_word_models_in_a_stream_run_are_a_clear_error_not_a_crash()
    {
        var dir = Repo.TempDir("nowake");
        var wav = await Espeak.SayAsync("hey jarvis, turn on the kettle", dir);

        var run = await SimulateCli.SimulateWithBrokerAsync([], dir, new Dictionary<string, string> { ["EDGEVOICE__WakeWord__ModelsDir"] = Path.Combine(dir, "none") }, "--stream", wav);

        var line = Assert.Single(run.Lines);
        Assert.Contains("wake word front end cannot start", line.Error() ?? "");
        Assert.Contains("scripts/setup.sh", line.Error() ?? "");
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("Unhandled exception", run.StdErr);
    }

    static async Task Sox(string input, params string[] outputArgs)
    {
        // -D: sox's dither is random per run, and these files should be the same each time the test runs.
        var r = await Proc.RunAsync(Repo.RequireTool("sox"), ["-D", input, .. outputArgs]);
        if (r.ExitCode != 0) throw new InvalidOperationException("sox failed: " + r.StdErr + " (apt-get install libsox-fmt-all)");
    }
}
