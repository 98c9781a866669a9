using EdgeVoice.Bench;
using EdgeVoice.Testing;
using Xunit.Abstractions;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// The family benches count what asking back costs: a command asked back is done right after one "yes" only when
/// what was heard is what was said; heard wrong, the speaker says no and nothing happens.
/// </summary>
public sealed class AskedBackTests(ITestOutputHelper output)
{
    // Every command is asked back: its margin is always within 100 of the threshold.
    static readonly SpeechOptions AskEverything = new() { ConfirmMargin = 100 };

    /// <summary>"turn on the TV" said and written; then the same audio written as "turn off the TV".</summary>
    static async Task<Spoken[]> ClipsAsync()
    {
        var audio = await SpeechFixtures.SayAsync("turn on the tv");
        return [new Spoken("turn on the TV", "espeak en-us", audio), new Spoken("turn off the TV", "espeak en-us", audio)];
    }

    [Fact]
    public async Task Through_the_intent_engine_a_yes_makes_an_asked_back_command_right_only_when_it_was_heard_right()
    {
        var w = new StringWriter();
        var row = await SourceFamilies.ScoreAsync("asked", Profiles.Load("speech-dev"), await ClipsAsync(), "commands", w, AskEverything);
        output.WriteLine(w.ToString());
        Assert.True((row.AskedBack, row.RightAfterYes, row.ActsRight, row.WrongActions) == (2, 1, 0, 0), w.ToString());
        Assert.Contains(" 0/2 | 1/2 |", row.Line);
    }

    [Fact]
    public async Task Through_the_rule_tier_a_yes_makes_an_asked_back_command_right_only_when_it_was_heard_right()
    {
        var w = new StringWriter();
        var row = await VoiceFamilies.ScoreAsync("asked", Profiles.Load("speech-dev"), await ClipsAsync(), w, AskEverything);
        output.WriteLine(w.ToString());
        Assert.True((row.AskedBack, row.RightAfterYes, row.ActsRight, row.WrongActions) == (2, 1, 0, 0), w.ToString());
    }
}
