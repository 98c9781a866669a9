using EdgeVoice.Bench;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;
using Xunit.Abstractions;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// The recogniser on voices it was not tuned on (issue 18): the Piper set of ../shared/speech-dev and a flite
/// voice in a reverberant room. The full families, espeak-ng included, are `EdgeVoice.Bench speech families`.
/// </summary>
public sealed class VoiceFamilyTests(ITestOutputHelper output)
{
    [Fact]
    public void Coverage_is_whether_the_configured_grammar_can_say_the_sentence()
    {
        var language = new GrammarLanguage(CommandGrammar.Build(Profiles.Load("speech-dev").Devices));
        Assert.True(language.Accepts(GrammarLanguage.Spoken("set Bed Light brightness to 75 percent")));
        Assert.True(language.Accepts(GrammarLanguage.Spoken("turn on the TV")));
        Assert.True(language.Accepts(GrammarLanguage.Spoken("open the Sliding Door in the Office")));
        Assert.False(language.Accepts(GrammarLanguage.Spoken("turn off the TV in the Office"))); // left out: EXPERIMENTS, sessions 14 and 20
        Assert.True(language.Accepts(GrammarLanguage.Spoken("set brightness of the Bed Light to 10 percent"))); // back in session 20
        Assert.False(language.Accepts(GrammarLanguage.Spoken("set the brightness of the Kitchen to 25 percent"))); // an area's: left out
        Assert.True(language.Accepts(GrammarLanguage.Spoken("what's the temp of the EcoBee")));
        Assert.True(language.Accepts(GrammarLanguage.Spoken("set Kitchen lights to green")));
        Assert.False(language.Accepts(GrammarLanguage.Spoken("turn on the TV in the Kitchen"))); // the TV is in the office
        Assert.False(language.Accepts(GrammarLanguage.Spoken("set a timer for 1 hour and 1 minute")));
        Assert.False(language.Accepts("on the tv"));
    }

    [Fact]
    public async Task Piper_voice_commands_are_heard_and_nothing_is_done_that_was_not_said()
    {
        var w = new StringWriter();
        var row = await VoiceFamilies.ScoreAsync("piper", Profiles.Load("speech-dev"), VoiceFamilies.Piper(), w);
        output.WriteLine(w.ToString());
        // 13 before session 14 added Home Assistant's device forms and configured what fixtures-en.yaml describes; 30 before
        // session 20's temperature questions, 35 before its "set the brightness of the {name}", 36 before session 23's
        // "what is the value of {sensor}".
        Assert.Equal(37, row.Covered);
        // Issue 18's hard rule: 0. 'turn off all of the lights in the Kitchen', heard as 'on', is asked back: at 26 dB
        // the free loop did not hear 'on', and forced among its rivals the heard sentence is not 1 per frame clear of them.
        Assert.Equal(0, row.WrongActions);
        // Issue 18: 90 % of the covered sentences. 18/30 in session 14; 29/30 since the grammars may begin with noise (session 15);
        // 35/36 with session 20's temperature questions and "brightness of".
        Assert.True(row.Exact >= 33, w.ToString());
        // 25/26 before the noise lead, 24/26 with it: "set color of lights to green" (no light named) is heard as the bed
        // light's and asked back, not done (session 15).
        Assert.True(row.NoIntentRejected >= row.NoIntent - 2, w.ToString());
    }

    [Fact]
    public async Task With_the_on_device_sentences_Piper_is_heard_and_nothing_is_done_that_was_not_said()
    {
        // Speech:GrammarSource ondevice, through the intent engine as the service runs it (timers, time, date), the template
        // tier on with the profile's satellite area.
        var w = new StringWriter();
        var row = await SourceFamilies.ScoreAsync("piper", Profiles.Load("speech-dev"), VoiceFamilies.Piper(), "ondevice", w,
            templates: Profiles.Templates("speech-dev"));
        output.WriteLine(w.ToString());
        // 53 before session 20's temperature questions, 58 before its "brightness of", 59 before session 23's "value of".
        Assert.Equal(60, row.Covered);
        Assert.Equal(0, row.WrongActions);
        // With Home Assistant's every form of the timers 45/53 (38/46 without the area); with their short sentences 50/53 (session 18);
        // 56/59 with session 20's temperature questions and "brightness of".
        Assert.True(row.Exact >= 54, w.ToString());
        Assert.True(row.NoIntentRejected >= row.NoIntent - 2, w.ToString());
    }

    [Fact]
    public async Task A_flite_voice_in_a_reverberant_room_is_heard_and_chatter_does_nothing()
    {
        var home = Profiles.Home;
        var said = SampleSentences.Generate(home.Devices).Concat(SpeechBench.HeldOutChatter).ToList();
        var clips = await VoiceFamilies.SynthesizedAsync("flite", "awb", said, reverb: 50, snrDb: null, pink: false);
        var w = new StringWriter();
        var row = await VoiceFamilies.ScoreAsync("flite awb reverb 50", home, clips, w);
        output.WriteLine(w.ToString());
        // 49 before session 14's device forms (the home's generated sentences grew), 51 before session 20's temperature questions,
        // 57 before its "brightness of".
        Assert.Equal(59, row.Covered);
        // Without the noisy-audio rules (session 14) 2 wrong actions: 'turn the kettle off' heard as 'turn on the kettle'
        // (read at 42.7 dB, the free loop heard no 'on') and 'thirty' as 'thirteen' (40.4 dB, its rival 6.2 per frame
        // behind, under 6 + 0.25 × 4.6); with them 0 (issue 18).
        Assert.Equal(0, row.WrongActions);
        // 48/59 in session 20. Session 24's bench streams each clip until the endpointer ends it, as a device does: with
        // every frame decoded the room's ringing became words (42/59); the front end's SpeechFeed decodes only up to the
        // end of speech and 200 ms (47/59).
        Assert.True(row.Exact >= 45, w.ToString());
    }

    [Fact]
    public async Task Answers_in_flite_voices_in_rooms_are_heard_and_no_no_is_taken_for_a_yes()
    {
        var clips = await VoiceFamilies.RoomsAsync("flite", FamilySets.Flite, AnswerFamilies.Said);
        var w = new StringWriter();
        var row = await AnswerFamilies.ScoreAsync("flite + room", Profiles.Home, clips, w);
        output.WriteLine(w.ToString());
        // A no taken for a yes does what the user refused (issue 18's hard rule).
        Assert.Equal(0, row.WrongActions);
        // 32/44 while a "stop" answer was checked against "start" and the noisy-audio rules (36/44 since session 19; 35/44
        // since session 38, when rms's "nope" at −0.1 in 21 dB came to be asked again).
        Assert.True(row.Right >= 34, w.ToString());
    }
}
