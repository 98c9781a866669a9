using System.Globalization;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// Speech:CepstralMeanFile: what the decoders learned of a microphone, room and voice survives a restart, so the first
/// commands after it are not heard cold.
/// </summary>
public sealed class CepstralMeanTests
{
    // Over 5 s of speech: only then is the mean kept.
    static readonly string[] WarmUp = ["turn on the kitchen light", "close the blinds", "set a timer for five minutes", "what time is it", "open the living room blinds"];

    [Fact]
    public void Before_any_audio_the_mean_read_is_the_acoustic_models_prior()
    {
        // Decoder.CepstralMean reads sphinxbase's structures at fixed offsets: this is the check that they are right.
        var o = new SpeechOptions();
        var prior = File.ReadLines(Path.Combine(o.AcousticModel, "feat.params")).Single(l => l.StartsWith("-cmninit "))["-cmninit ".Length..]
            .Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        using var d = Decoder.Create(new Dictionary<string, string> { ["-hmm"] = o.AcousticModel, ["-dict"] = o.Dictionary, ["-logfn"] = "/dev/null" });
        var mean = d.CepstralMean() ?? throw new Xunit.Sdk.XunitException("the cepstral mean could not be read");
        Assert.Equal(prior, mean.Select(v => MathF.Round(v, 2)));
    }

    [Fact]
    public async Task A_restarted_recogniser_hears_like_a_warm_one()
    {
        // espeak-ng's British "start" (S T AA T): a new recogniser executed it as "stop" before its passes were compared
        // (ColdStartTests); after commands of warm-up it is heard right (A_british_start_is_not_heard_as_stop).
        var file = Path.Combine(Repo.TempDir("cepstral-mean"), "kept");
        using (var first = SpeechFixtures.Grammar(Profiles.Home, new SpeechOptions { CepstralMeanFile = file }))
            foreach (var said in WarmUp) await first.TranscribeAsync(await SpeechFixtures.SayAsync(said, "en+m3", 175));
        Assert.True(File.Exists(file), "nothing kept after 5 s of speech and a shutdown");

        using var restarted = SpeechFixtures.Grammar(Profiles.Home, new SpeechOptions { CepstralMeanFile = file });
        var t = await restarted.TranscribeAsync(await SpeechFixtures.SayAsync("start living room fan", "en+m3", 175));
        // Heard as said, as warm (the rival check, batch-normalised, still asks it back), and not cold: one pass.
        Assert.True(t.IsCommand && t.Text == "start living room fan" && t.UnsureBecause?.StartsWith("just started") != true,
            $"heard '{t.Text}' (candidate '{t.Candidate}', margin {t.Margin:F1}, {t.UnsureBecause ?? "sure"})");
    }

    [Fact]
    public async Task The_mean_is_kept_while_running_not_only_at_shutdown()
    {
        // A power cut gives no shutdown: the first utterance after 5 s of speech writes the mean (off the decoding path).
        var file = Path.Combine(Repo.TempDir("cepstral-mean-running"), "kept");
        using var g = SpeechFixtures.Grammar(Profiles.Home, new SpeechOptions { CepstralMeanFile = file });
        foreach (var said in WarmUp.Append("turn off the kitchen light")) await g.TranscribeAsync(await SpeechFixtures.SayAsync(said));
        for (int i = 0; i < 50 && !File.Exists(file); i++) await Task.Delay(100);
        Assert.Equal(CepstralMeanFile.Length, CepstralMeanFile.Load(file, NullLogger.Instance)?.Length);
    }

    [Fact]
    public void A_file_that_cannot_be_written_is_logged_not_thrown()
    {
        var blocker = Path.Combine(Repo.TempDir("cepstral-mean-blocked"), "a-file");
        File.WriteAllText(blocker, "");
        var log = new ListLogger();
        CepstralMeanFile.Save(Path.Combine(blocker, "kept"), new float[CepstralMeanFile.Length], log);
        Assert.Equal(1, log.Count(Microsoft.Extensions.Logging.LogLevel.Warning, "cannot keep the cepstral mean"));
    }

    [Theory]
    [InlineData("41.0,oops")]
    [InlineData("41.0,-5.3")]
    [InlineData("")]
    public async Task A_broken_file_means_a_cold_start_not_a_failure(string content)
    {
        var file = Path.Combine(Repo.TempDir("cepstral-mean-broken"), "kept");
        File.WriteAllText(file, content);
        Assert.Null(CepstralMeanFile.Load(file, NullLogger.Instance));
        using (var g = SpeechFixtures.Grammar(Profiles.Home, new SpeechOptions { CepstralMeanFile = file }))
        {
            var t = await g.TranscribeAsync(await SpeechFixtures.SayAsync("turn on the kitchen light"));
            Assert.True(t.IsCommand && t.Text == "turn on the kitchen light", $"heard '{t.Text}'");
            foreach (var said in WarmUp) await g.TranscribeAsync(await SpeechFixtures.SayAsync(said));
        }
        Assert.Equal(CepstralMeanFile.Length, CepstralMeanFile.Load(file, NullLogger.Instance)?.Length); // replaced by a good one
    }

    [Fact]
    public void A_kept_mean_reads_back_as_written()
    {
        var file = Path.Combine(Repo.TempDir("cepstral-mean-round"), "sub", "kept");
        float[] mean = [52.35f, -1.92f, 0.14f, -4.61f, -5.07f, -10.56f, -4.02f, -10.19f, -0.99f, 5.26f, -0.41f, -0.98f, 2.48f];
        CepstralMeanFile.Save(file, mean, NullLogger.Instance);
        Assert.Equal(mean, CepstralMeanFile.Load(file, NullLogger.Instance));
    }
}
