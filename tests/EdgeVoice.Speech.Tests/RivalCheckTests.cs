using EdgeVoice.Core;
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
    public void A_rival_is_also_said_in_the_other_word_orders_of_its_sentences()
    {
        // Session 25's opposites2: "turn the heating on" was executed as "turn on kitchen lamp", its rivals all in the heard order.
        var lamp = Of("turn on kitchen lamp");
        Assert.Contains("turn the heating on", lamp);
        Assert.Contains("turn the kitchen lamp off", lamp);
        Assert.Contains("switch off the kitchen lamp", lamp);
        // what the heard sentence means, however it is said, is no rival
        Assert.DoesNotContain("turn the kitchen lamp on", lamp);
        Assert.DoesNotContain("switch on the kitchen lamp", lamp);
        // a fan is started as it is turned on
        Assert.Contains("stop the living room fan", Of("turn on the living room fan"));
        Assert.DoesNotContain("start the living room fan", Of("turn on the living room fan"));
        // a number's rivals stay in the heard order: a hundred numbers said every way would swamp the check
        var thirty = Of("set the living room light to thirty percent");
        Assert.DoesNotContain("dim the living room light to thirty one percent", thirty);
        Assert.Contains("dim the kitchen light to thirty percent", thirty);
    }

    [Theory]
    // Session 26's clips (espeak-ng, noise mixed in): with the heard sentence forced alone the check read the rival as
    // 2.38 and 10.57 per frame behind, though every-senone scoring found it fits 16.6 and 4.2 better.
    [InlineData("turn the heating on", "turn on kitchen lamp", "12", false)]
    [InlineData("switch on the living room fan", "switch on the living room fan", "10", false)]
    // and one it heard right, clean: still the best among its rivals, 3.3 per frame ahead (every senone: 3.7)
    [InlineData("turn off the kettle", "turn off the kettle", null, true)]
    public async Task The_check_forces_the_heard_sentence_among_its_rivals(string said, string heard, string? noiseDb, bool best)
    {
        using var g = SpeechFixtures.Grammar(Profiles.Home);
        var clip = await SpeechFixtures.SayAsync(said, noiseDb: noiseDb);
        var pcm = new short[clip.Samples.Length];
        AudioClip.ToPcm16(clip.Samples, pcm);
        var check = await g.Decoders.InTurn(false, lease => Task.FromResult(lease.Check(heard, pcm)));
        Assert.NotNull(check);
        var (h, rival) = check.Value;
        Assert.True(best == (h.Text == heard), $"forced among its rivals, '{h.Text}' fit best");
        Assert.NotEqual(heard, rival.Text);
        if (best) Assert.InRange((double)(h.Score - rival.Score) / h.Frames, 1, 6);
        var v = RejectionRule.Decide(new VerdictFacts(H(heard, -1000), H("", -3000), 1.5, CleanSnrDb, false, check), new SpeechOptions());
        Assert.Equal(!best, v.Unsure);
        if (!best) Assert.Contains("fits it better than the heard sentence", v.AskedBecause);
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
    public void A_name_inside_a_longer_name_is_not_replaced_alone()
    {
        // "kettle" in "kettle plug" and "fan" in "ceiling fan" made rivals no one says ("turn the kitchen light plug on",
        // "turn ceiling lock on") that asked back right commands (session 27).
        var plug = Of("turn the kettle plug on");
        Assert.DoesNotContain("turn the kitchen light plug on", plug);
        Assert.Contains("turn the kitchen light on", plug);
        Assert.Contains("turn the kettle plug off", plug);
        var ceiling = Of("turn ceiling fan on");
        Assert.DoesNotContain(ceiling, r => r.StartsWith("turn ceiling ") && !r.StartsWith("turn ceiling fan "));
        Assert.Contains("turn kettle on", ceiling);
        // a name said alone is still replaced
        Assert.Contains("turn the kitchen light on", Of("turn the kettle on"));
    }

    [Fact]
    public void Only_rivals_the_check_decoder_can_say_are_kept()
    {
        var rivals = Rivals.Of("turn off the kettle", Profiles.Home.Devices, w => w != "fan");
        Assert.DoesNotContain("turn off the fan", rivals);
        Assert.Contains("turn on the kettle", rivals);
    }

    [Fact]
    public void A_sentence_nothing_slips_to_is_checked_against_itself_cut_short()
    {
        // Allison's "Cancelled." was heard and executed as "cancel timer" (session 32): its last word was never said.
        Assert.Equal(["what time is"], Of("what time is it"));
        Assert.Equal(["cancel the"], Rivals.Of("cancel the timer", Profiles.Load("speech-dev").Devices, _ => true));
        // A sentence with rivals of its own keeps them alone.
        Assert.DoesNotContain("turn off the", Of("turn off the kettle"));
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
