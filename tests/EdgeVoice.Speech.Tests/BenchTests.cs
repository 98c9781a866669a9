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
}
