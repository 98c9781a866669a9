using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// The first commands after start-up, and every file of `simulate --wav` one file at a time: the decoders have heard
/// nothing of this voice and room yet, so their live normalisation still leans on the acoustic model's prior.
/// </summary>
public sealed class ColdStartTests
{
    [Fact]
    public async Task A_first_command_whose_action_the_two_passes_hear_differently_is_not_executed()
    {
        // espeak-ng's British "start" (S T AA T), the first thing a new recogniser hears: the streamed pass and the
        // second pass disagree, and the second heard "stop" (EXPERIMENTS.md, session 29: executed before).
        using var g = SpeechFixtures.Grammar(Profiles.Home);
        var t = await g.TranscribeAsync(await SpeechFixtures.SayAsync("start living room fan", "en+m3", 175));
        Assert.False(t.IsCommand && !t.Unsure && t.Text != "start living room fan",
            $"executed '{t.Text}' for 'start living room fan' (margin {t.Margin:F1})");
    }

    [Theory]
    [InlineData("stop the lock", "stop living room fan", false)] // that clip's first pass: "lock" has an opposite too
    [InlineData("what is the lock", "turn on the kitchen light", false)]
    [InlineData("set the living room lights to sixty percent", "set the living room lights to fifty percent", false)]
    [InlineData("turn on the kitchen light", "turn on kitchen light", true)]
    [InlineData("set bed light to eighty", "set the bed light to eighty percent", true)]
    public void The_passes_agree_when_their_actions_and_numbers_do(string first, string second, bool agree) =>
        Assert.Equal(agree, Rivals.SameStakes(first, second));
}
