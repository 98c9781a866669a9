using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;

namespace EdgeVoice.Speech.Tests;

/// <summary>The rival sentences of a heard command and the pure verdict rule that asks back when one fits nearly as well (issue 18).</summary>
public sealed class RivalCheckTests
{
    static IReadOnlyList<string> Of(string heard) => Rivals.Of(heard, Profiles.Home.Devices, _ => true);

    [Fact]
    public void Rivals_are_the_opposite_action_every_other_number_and_every_other_name()
    {
        var off = Of("turn off the kettle");
        Assert.Contains("turn on the kettle", off);
        Assert.Contains("turn off the fan", off);
        Assert.DoesNotContain("turn off the kettle", off);

        var thirty = Of("set the living room light to thirty percent");
        Assert.Contains("set the living room light to thirteen percent", thirty);
        Assert.Contains("set the living room light to thirty eight percent", thirty);
        Assert.Contains("set the kitchen light to thirty percent", thirty);
        // a number is replaced whole: "twenty eight" is a rival of "twenty", not "twenty twenty eight"
        Assert.Contains("set the living room light to twenty percent", Of("set the living room light to twenty eight percent"));
        Assert.DoesNotContain(Of("set the living room light to twenty eight percent"), r => r.Contains("eight eight"));
    }

    [Fact]
    public void The_check_grammar_says_each_shared_word_once()
    {
        var g = Rivals.Grammar(["set the lamp to twenty percent", "set the lamp to twenty one percent", "set the fan to twenty percent"], lead: false);
        Assert.Contains("public <s> = ( set the ( fan to twenty percent | lamp to twenty ( one percent | percent ) ) );", g);
        // a sentence that ends where a longer one goes on
        Assert.Contains("( turn on the lamp [ please ] )", Rivals.Grammar(["turn on the lamp", "turn on the lamp please"], lead: false));
    }

    [Fact]
    public void Another_name_of_the_same_device_is_no_rival()
    {
        var kettle = Profiles.Home.Devices.First(d => d.Id == "kettle");
        var names = kettle.SpokenNames().Select(CommandGrammar.SpokenForm).ToList();
        var rivals = Of($"turn on the {names[0]}");
        Assert.DoesNotContain($"turn on the {names[1]}", rivals);
        Assert.Contains($"turn off the {names[0]}", rivals);
    }

    [Fact]
    public void Only_rivals_the_check_decoder_can_say_are_kept()
    {
        var rivals = Rivals.Of("turn off the kettle", Profiles.Home.Devices, w => w != "fan");
        Assert.DoesNotContain("turn off the fan", rivals);
        Assert.Contains("turn on the kettle", rivals);
    }

    [Fact]
    public void A_sentence_with_nothing_to_confuse_has_no_rivals()
    {
        Assert.Empty(Of("what time is it"));
    }

    [Fact]
    public void A_whole_answer_has_no_rivals_and_a_command_with_stop_keeps_start()
    {
        // "stop" answering "Did you say …?" is a no: "start" would be no answer at all.
        Assert.Empty(Of("stop"));
        Assert.Empty(Of("no thanks"));
        Assert.Contains("start living room fan", Of("stop living room fan"));
    }

    static Hypothesis H(string text, int score, int frames = 100) => new(text, score, frames, 0);

    static VerdictFacts Facts((Hypothesis, Hypothesis)? check) =>
        new(H("turn off the kettle", -1000), H("turn of the kettle", -2000), 1.2, CleanSnrDb, false, check);

    // Clean audio: the noisy-audio rules (NoisyVerdictTests) stay out of these.
    const double CleanSnrDb = 60;

    [Theory]
    [InlineData(-1000, -1100, false)] // the heard sentence fits 1 per frame better than its rival: below RivalMargin 2
    [InlineData(-1000, -1500, true)]  // 5 per frame better: executed
    [InlineData(-1200, -1000, false)] // the rival fits better
    public void A_command_whose_rival_fits_nearly_as_well_is_asked_back(int heard, int rival, bool sure)
    {
        var o = new SpeechOptions { RivalMargin = 2 };
        var v = RejectionRule.Decide(Facts((H("turn off the kettle", heard), H("turn on the kettle", rival))), o);
        Assert.True(v.IsCommand);
        Assert.Equal(!sure, v.Unsure);
    }

    [Fact]
    public void Without_a_check_or_with_a_forced_pass_that_failed_the_rule_stays_decidable()
    {
        var o = new SpeechOptions { RivalMargin = 2 };
        Assert.False(RejectionRule.Decide(Facts(null), o).Unsure);
        Assert.True(RejectionRule.Decide(Facts((H("", 0), H("turn on the kettle", -900))), o).Unsure);
        // No path through any rival is no evidence either: the action is asked back (session 25; it read as +∞ before).
        Assert.Contains("no path", RejectionRule.Decide(Facts((H("turn off the kettle", -1000), H("", 0))), o).AskedBecause);
    }

    [Fact]
    public void Out_of_grammar_audio_is_rejected_before_any_check()
    {
        var f = new VerdictFacts(H("turn off the kettle", -3000), H("turn of the cat", -1000), 1.2, 30, false, null);
        Assert.False(RejectionRule.Decide(f, new SpeechOptions()).IsCommand);
    }
}
