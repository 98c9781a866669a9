using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;

namespace EdgeVoice.Speech.Tests;

public class BenchTests
{
    [Theory]
    [InlineData("stop second conveyor", "start second conveyor", true)]
    [InlineData("turn the ceiling fan off", "turn ceiling fan on", true)]
    [InlineData("start the line two conveyor", "stop the line one conveyor", false)]
    [InlineData("stop the press", "stop the press", false)]
    [InlineData("turn on the press", "turn on the press", false)]
    public void An_opposite_action_is_the_same_command_with_its_action_turned_round(string said, string heard, bool opposite) =>
        Assert.Equal(opposite, EdgeVoice.Bench.SpeechBench.IsOpposite(said, heard, [.. Profiles.Factory.Devices, .. Profiles.Home.Devices]));

    [Fact]
    public async Task The_per_clip_dump_sees_each_verdict_with_what_it_was_decided_on()
    {
        using var g = SpeechFixtures.Grammar(Profiles.Home);
        var seen = new List<GrammarVerdict>();
        g.Observer = seen.Add;
        var command = await g.TranscribeAsync(await SpeechFixtures.SayAsync("turn on the kitchen light"));
        var chatter = await g.TranscribeAsync(await SpeechFixtures.SayAsync("I think we should order pizza tonight"));

        Assert.Equal(2, seen.Count);
        Assert.Equal(("turn on the kitchen light", command.Margin), (seen[0].Command, (double?)seen[0].Margin));
        Assert.True(seen[0].Margin >= seen[0].Threshold && seen[0].Free.Length > 0, $"{seen[0]}");
        Assert.False(chatter.IsCommand);
        Assert.Equal(chatter.Margin, seen[1].Margin);
        Assert.True(seen[1].Margin < seen[1].Threshold || seen[1].Decoy, $"{seen[1]}");
    }

    /// <summary>A wake bench set is read back only if nothing it is made from changed: its files are named by a hash of the inputs.</summary>
    [Fact]
    public void A_wake_bench_set_is_cached_under_the_names_of_its_inputs()
    {
        var speech = Repo.TempDir("wakebench-speech");
        var kennedy = Path.Combine(speech, "kennedy.wav");
        File.Copy(Repo.Speech("kennedy.wav"), kennedy);
        string[] Files(int seed = 1, int pairs = 100, double hours = 2) =>
            [.. EdgeVoice.Bench.WakeBench.Set(speech, seed, pairs, hours).Select(s => s.File)];

        var files = Files();
        Assert.Equal(files, Files());
        Assert.Equal(3, files.Distinct().Count());
        Assert.Equal([false, true, true], Files(pairs: 50).Zip(files, (a, b) => a == b));
        Assert.Equal([true, false, true], Files(hours: 0.5).Zip(files, (a, b) => a == b));
        Assert.DoesNotContain(Files(seed: 101), files.Contains);
        var clip = AudioConvert.Load(kennedy);
        WavWriter.Write(kennedy, new AudioClip(clip.Samples[..(clip.Samples.Length / 2)]));
        Assert.DoesNotContain(Files(), files.Contains);
    }
}
