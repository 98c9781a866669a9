using EdgeVoice.Testing;
using EdgeVoice.Speech.PocketSphinx;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// In noise and reverberation a command whose action or number could be the opposite is asked back unless the
/// evidence is strong (issue 18's zero wrong actions). The figures are clips of the voice families measured on
/// 4 Dec 2026 (`speech families flite espeak dump=`, `speech families piper dump=`): each row's command and free-loop
/// paths, LiveTrim's SNR and the check's gap to the nearest rival.
/// </summary>
public sealed class NoisyVerdictTests
{
    static Hypothesis H(string text, int score, int frames) => new(text, score, frames, 0);

    static readonly NameWords HomeNames = new(Profiles.Home.Devices, CommandGrammar.DecoysFor(Profiles.Home.Devices));

    /// <summary>A verdict on the measured figures; the check's two passes are built to give the measured gap per frame of the
    /// whole utterance (as dumps before session 31 recorded it; the rule counts at most 150 frames).</summary>
    static RejectionRule.Outcome Decide(string heard, int score, int frames, string free, int freeScore, double snrDb, double gap, string rival,
        SpeechOptions? o = null, double? ring = null, bool endsInNoise = false)
    {
        var check = (H(heard, -4000, frames), H(rival, -4000 - (int)Math.Round(gap * frames), frames));
        return RejectionRule.Decide(new VerdictFacts(H(heard, score, frames), H(free, freeScore, frames), 1.5, snrDb, false, check)
            { RingMsPerDb = ring, EndsInNoise = endsInNoise }, o ?? new SpeechOptions());
    }

    // flite rms in reverb 50 and white noise 15 dB (read 18.7 dB) said "turn ceiling fan on": the free loop heard "off"
    // too, and the check's nearest rival is 13.0 per frame behind (over 6 + 0.25 × (45 − 18.7) = 12.6).
    static RejectionRule.Outcome CeilingFan(SpeechOptions? o = null) =>
        Decide("turn the ceiling fan off", -5246, 164, "for it he you an fan the off", -5812, 18.7, 13.04, "turn the oven off", o);

    [Fact]
    public void In_loud_noise_a_heard_off_is_asked_back_even_when_every_signal_agrees()
    {
        var v = CeilingFan();
        Assert.True(v.IsCommand);
        Assert.True(v.Unsure, "executed 'off' although 'on' was said");
        Assert.Contains("'off'", v.AskedBecause);
    }

    [Fact]
    public void In_a_ringing_room_a_heard_off_is_asked_back_at_any_snr()
    {
        // festival's ked_diphone in reverb 30 and white noise 20 dB (read 26.4 dB) said "turn the heater on": heard "off",
        // the free loop too, "on" 13.3 per frame behind: executed, a wrong action (session 22's fresh held-out voice).
        // The sound died away at about 17 ms per dB after the last word; a dry room's at 1–7.
        RejectionRule.Outcome Heater(double? ring, SpeechOptions? o = null) =>
            Decide("turn the heater off", -2683, 102, "are turn the heater off", -4049, 26.4, 1359 / 102.0, "turn the heater on", o, ring);
        Assert.True(Heater(17, new SpeechOptions { OffRingMsPerDb = 0 }) is { IsCommand: true, Unsure: false }, "without the ringing rule it is executed");
        Assert.Contains("rang on", Heater(17).AskedBecause);
        Assert.Contains("rang on", Heater(double.PositiveInfinity).AskedBecause);
        Assert.Null(Heater(2).AskedBecause);
        Assert.Null(Heater(null).AskedBecause);
        // An "on" heard in the same room is not at stake this way: only "off" is what the ringing sounds like.
        Assert.Null(Decide("turn the heater on", -2683, 102, "are turn the heater on", -4049, 26.4, 1359 / 102.0, "turn the heater off", ring: 17).AskedBecause);
    }

    [Fact]
    public void In_a_ringing_room_a_heard_start_is_asked_back()
    {
        // flite's slt in reverb 70 (read 27.6 dB) said "stop the fan": heard "start the fan" at margin 9.4, the free loop
        // heard "start" too, "stop the fan" 12.2 per frame behind (over the 10.4 needed): executed, a wrong action (session
        // 24's flite70 set). The room's decay fills the silence before stop's "p", so the vowel sounds long, like "start"'s.
        RejectionRule.Outcome Fan(string heard, string rival, double? ring, bool endsInNoise = false, SpeechOptions? o = null) =>
            Decide(heard, -3626, 144, $"out {heard.Split(' ')[0]} that fan who", -4974, 27.6, 12.21, rival, o, ring, endsInNoise);
        Assert.True(Fan("start the fan", "stop the fan", 17.1, o: new SpeechOptions { OffRingMsPerDb = 0 }) is { IsCommand: true, Unsure: false },
            "without the ringing rules it is executed");
        Assert.Contains("'start'", Fan("start the fan", "stop the fan", 17.1).AskedBecause);
        Assert.Contains("'start'", Fan("start the fan", "stop the fan", null, endsInNoise: true).AskedBecause);
        Assert.Null(Fan("start the fan", "stop the fan", 2).AskedBecause);
        // A heard "stop" is not what the ringing makes of "start".
        Assert.Null(Fan("stop the fan", "start the fan", 17.1).AskedBecause);
    }

    [Fact]
    public void A_rival_pass_that_found_no_path_is_no_evidence_for_the_heard_action()
    {
        // festival's ked_diphone in reverb 75 and white noise 30 dB (read 27.9 dB) said "switch on the living room fan":
        // heard "... thermostat" at margin 6.0; the check's rival pass found no path through any rival, which read as an
        // infinite gap: executed, a wrong action (session 25's opposites set).
        var facts = (string heard, Hypothesis rival) => new VerdictFacts(H(heard, -6107, 204), H("at switch on the would of room that if", -7330, 204),
            2.08, 27.9, false, (H(heard, -6000, 204), rival)) { RingMsPerDb = 52.9 };
        var v = RejectionRule.Decide(facts("switch on the living room thermostat", H("", 0, 204)), new SpeechOptions());
        Assert.True(v.IsCommand);
        Assert.Contains("no path", v.AskedBecause);
        // A question with no path for its rivals is still answered: nothing is at stake.
        Assert.Null(RejectionRule.Decide(facts("what is the living room thermostat", H("", 0, 204)), new SpeechOptions()).AskedBecause);
        // A rival found far behind is the evidence the rule asks for.
        Assert.Null(RejectionRule.Decide(facts("switch on the living room thermostat", H("switch off the living room thermostat", -9000, 204)),
            new SpeechOptions()).AskedBecause);
    }

    [Fact]
    public void In_noise_when_the_free_loop_heard_another_device_the_action_is_asked_back()
    {
        // festival's kal_diphone in reverb 70 and pink noise 30 dB (read 32.6 dB) said "turn on the kettle plug": heard
        // "turn on the kitchen lamp" at margin 6.5, its rival 11.5 per frame behind (9.1 needed), but the free loop heard
        // "turn on that kettle to lock up": executed, a wrong action (session 25's opposites set).
        RejectionRule.Outcome Lamp(string free, double snrDb = 32.6) => RejectionRule.Decide(
            new VerdictFacts(H("turn on the kitchen lamp", -5284, 190), H(free, -6528, 190), 1.9, snrDb, false,
                (H("turn on the kitchen lamp", -4000, 190), H("turn off the kitchen lamp", -4000 - (int)(11.53 * 190), 190))) { RingMsPerDb = 38, Names = HomeNames },
            new SpeechOptions { OffRingMsPerDb = 0 });
        Assert.Contains("'kettle'", Lamp("turn on that kettle to lock up").AskedBecause);
        // The free loop hearing a word of the heard name, or no name at all, is no disagreement.
        Assert.Null(Lamp("turn on that lamp to lock up").AskedBecause);
        Assert.Null(Lamp("turn on that to lock up").AskedBecause);
        // Clean speech: the free loop's slips are not weighed (as for actions and numbers).
        Assert.Null(Lamp("turn on that kettle to lock up", snrDb: 60).AskedBecause);
    }

    [Fact]
    public void Name_words_are_those_that_tell_one_device_from_another()
    {
        var (heard, others) = HomeNames.Of("turn on the kitchen lamp");
        Assert.Equal(["lamp"], heard);
        Assert.Contains("kettle", others);
        Assert.DoesNotContain("lamp", others);
        // Areas and the sentences' own words ("light", "lights", "the") tell no device apart.
        Assert.DoesNotContain("kitchen", others);
        Assert.DoesNotContain("light", others);
        Assert.Empty(HomeNames.Of("what time is it").Heard);
        // "kitchen light" has no telling word: the free loop cannot disagree on it.
        Assert.Empty(HomeNames.Of("turn on the kitchen light").Heard);
    }

    [Fact]
    public void When_the_room_still_rings_as_the_command_ends_an_action_is_asked_back()
    {
        // festival's ked_diphone through a telephone band in reverb 70 (read 58.3 dB) said "open the shades": heard "close
        // the shades" at margin 1.3, the nearest rival 13.4 per frame behind: executed, a wrong action (session 24's bench,
        // which streams each clip as the front end feeds a device). The sound had not died away when the endpointer ended
        // the command, 700 ms after the last word.
        // The free loop did not hear "close" either, which asks it back since session 33 (UnheardActionTests); here that
        // rule is off, to show the ringing rule's own part.
        RejectionRule.Outcome Shades(double? ring, SpeechOptions? o = null) =>
            Decide("close the shades", -4670, 120, "thing look we that each did a", -4822, 58.3, 13.37, "close the kettle", o ?? new SpeechOptions { UnheardActionConfirmMargin = 0 }, ring);
        Assert.True(Shades(double.PositiveInfinity, new SpeechOptions { OffRingMsPerDb = 0, UnheardActionConfirmMargin = 0 }) is { IsCommand: true, Unsure: false },
            "without the ringing rules it is executed");
        Assert.Contains("still rang", Shades(double.PositiveInfinity).AskedBecause);
        Assert.Contains("did not hear 'close'", Shades(40, new SpeechOptions()).AskedBecause);
        // A decay that was measured, however slow, is not this case: only a heard "off" is asked back for it.
        Assert.Null(Shades(40).AskedBecause);
        Assert.Null(Shades(null).AskedBecause);
        // Nothing is at stake in a question, so it is answered.
        Assert.Null(Decide("what is the shades position", -4670, 120, "thing look we that each did a", -4822, 58.3, 13.37, "what is the kettle position",
            ring: double.PositiveInfinity).AskedBecause);
    }

    [Fact]
    public void When_the_last_word_ends_in_the_noise_a_heard_off_is_asked_back()
    {
        // ked_diphone in reverb 50 and pink noise 15 dB (read 21.8 dB) said "turn kitchen lamp on": heard "off", the free
        // loop too, "on" 12.2 per frame behind. The last word ended under 9 dB over the noise, so no decay could be read
        // and the ringing rule let it through: a wrong action (session 22's fresh set, one of its last three).
        RejectionRule.Outcome Lamp(bool endsInNoise, SpeechOptions? o = null) =>
            Decide("turn kitchen lamp off", -3437, 120, "to or it that an why up off", -4399, 21.8, 1463 / 120.0, "turn kitchen lamp on", o, endsInNoise: endsInNoise);
        Assert.True(Lamp(false) is { IsCommand: true, Unsure: false }, "not known to end in the noise, it is executed");
        Assert.Contains("ended in the noise", Lamp(true).AskedBecause);
        Assert.Null(Lamp(true, new SpeechOptions { OffRingMsPerDb = 0 }).AskedBecause);
    }

    [Fact]
    public void A_stop_that_answers_a_question_is_no_action_at_stake()
    {
        // "stop" said to "Did you say …?" in a noisy room (flite rms, reverb 50, white noise 15 dB: heard at margin 7.6, the
        // free loop without it). As an action with an opposite it was asked again (until session 19); as a no it cancels,
        // which is safe. The same figures for a command with "stop" still ask back.
        var free = H("if up", -3100, 60);
        var v = RejectionRule.Decide(new VerdictFacts(H("stop", -2644, 60), free, 0.6, 19.5, false, null), new SpeechOptions());
        Assert.True(v.IsCommand);
        Assert.Null(v.AskedBecause);
        var command = RejectionRule.Decide(new VerdictFacts(H("stop the fan", -2644, 60), free, 0.6, 19.5, false, null), new SpeechOptions());
        Assert.Contains("'stop'", command.AskedBecause);
    }

    [Fact]
    public void With_the_noisy_rules_off_the_same_clip_is_a_wrong_action()
    {
        var v = CeilingFan(new SpeechOptions { NoisySnrDb = 0, OffSnrDb = 0 });
        Assert.True(v.IsCommand);
        Assert.False(v.Unsure);
        Assert.Null(v.AskedBecause);
    }

    [Fact]
    public void In_noise_the_rival_margin_rises_as_the_snr_falls()
    {
        // Gaps of the check as it is since session 27 (the heard sentence forced among its rivals), from session 26's dumps.
        // flite kal16 in reverb 30 and pink noise 20 dB (read 27.1 dB) said "turn on lights in the living room", heard
        // right: "off" 1.2 per frame behind, over RivalMargin 1 but under 1 + 0.25 × (45 − 27.1) = 5.5. Asked back: the
        // price of the rule on right commands.
        var v = Decide("turn on lights in the living room", -3402, 180, "turn on i lights an the living room they", -6135, 27.1, 1.21,
            "turn off lights in the living room");
        Assert.True(v.Unsure);
        Assert.Contains("rival 1.5/frame behind, under 5.5", v.AskedBecause); // 1.21 per frame over 180 frames: 1.45 per frame of the 150 counted
        // flite awb in reverb 50 (read 39.8 dB) said "twenty one", heard right: "twenty four" 1.38 per frame behind over 358
        // frames, 3.3 per frame of the 150 counted, over the 2.3 needed: executed (asked back while the gap was read per frame of the utterance).
        var one = Decide("set the brightness of lounge light to twenty one percent", -7928, 358, "at set that brightness of let out to lights to twenty one up",
            -13824, 39.8, 1.38, "set the brightness of lounge light to twenty four percent");
        Assert.False(one.Unsure, one.AskedBecause);
        // At 15 dB lower it would need 6.0: asked back.
        Assert.Contains("rival 3.3/frame behind, under 6.0", Decide("set the brightness of lounge light to twenty one percent", -7928, 358, "at set that brightness of let out to lights to twenty one up",
            -13824, 24.8, 1.38, "set the brightness of lounge light to twenty four percent").AskedBecause);
        // The same gap on clean speech (espeak-ng reads ~100 dB) is RivalMargin alone: executed.
        Assert.False(Decide("turn on lights in the living room", -3402, 180, "turn on i lights an the living room they", -6135, 104, 1.21,
            "turn off lights in the living room").Unsure);
    }

    [Fact]
    public void The_same_evidence_against_a_rival_counts_the_same_in_a_long_command()
    {
        // Piper (speech-dev, read 24.7 dB) said "create a timer for 5 and a half minutes", heard right at margin 10.1, the free
        // loop heard "five" and "minutes" too; the nearest rival fits 1140 worse over 264 frames (4.3 per frame, under the
        // 6.1 the SNR needs). A rival differs in one slot, so that difference builds up over the slot, not over the sentence:
        // spread over a long sentence's frames it read as weak evidence, and every long command was asked back.
        RejectionRule.Outcome Timer(int frames) => Decide("create a timer for five and a half minutes", -6080, frames,
            "us who create it timer for five in to half minutes", -6080 - (int)(10.06 * frames), 24.7, 1140.5 / frames,
            "create a timer for nine and a half minutes", ring: 17.1);
        Assert.True(Timer(264) is { IsCommand: true, Unsure: false }, Timer(264).AskedBecause);
        // The same difference over 1.5 s is the same evidence; under 1.5 s the gap is per frame of the utterance, as before.
        Assert.False(Timer(150).Unsure, Timer(150).AskedBecause);
        Assert.False(Timer(190).Unsure, Timer(190).AskedBecause);
        var brief = Decide("create a timer for five and a half minutes", -6080, 120, "us who create it timer for five in to half minutes",
            -6080 - (int)(10.06 * 120), 24.7, 756 / 120.0, "create a timer for nine and a half minutes", ring: 17.1);
        Assert.False(brief.Unsure, brief.AskedBecause); // 6.3 per frame over 120 frames, not 5.0 over 150
        // Half of it is not enough at this SNR.
        Assert.Contains("rival 3.8/frame behind", Decide("create a timer for five and a half minutes", -6080, 264,
            "us who create it timer for five in to half minutes", -6080 - (int)(10.06 * 264), 24.7, 570 / 264.0,
            "create a timer for nine and a half minutes", ring: 17.1).AskedBecause);
    }

    [Fact]
    public void A_rival_nearly_as_good_as_the_heard_sentence_is_asked_back()
    {
        // festival's kal_diphone in reverb 60 and white noise 25 dB (read 30.2 dB) said "turn the heating on": heard "turn on
        // kitchen lamp" at margin 2.6 (free loop "turn who of he dim on with", no device), executed: a wrong action (session 25's
        // held-out opposites2). Among its rivals said in every word order, "turn off kitchen lamp" is 0.75 per frame behind.
        var v = Decide("turn on kitchen lamp", -4469, 126, "turn who of he dim on with", -4794, 30.2, 0.75, "turn off kitchen lamp",
            new SpeechOptions { NoisyRivalMarginPerDb = 0 });
        Assert.True(v.IsCommand);
        Assert.Contains("rival 0.7/frame behind, under 1.0", v.AskedBecause);
    }

    [Fact]
    public void In_noise_an_action_the_free_loop_did_not_hear_is_asked_back()
    {
        // flite kal16 (26.8 dB) said "turn kitchen lights on"; the check puts "off" 13.1 ahead, the free loop heard no "off".
        var v = Decide("turn kitchen lights off", -2850, 132, "turn to it should light stop", -4846, 26.8, 13.1, "turn kitchen lights on");
        Assert.True(v.Unsure);
        Assert.Contains("did not hear 'off'", v.AskedBecause);
        // espeak-ng en+f4 in white noise 10 dB (15.8) said "start living room fan".
        Assert.Contains("did not hear 'stop'", Decide("stop living room fan", -4814, 130, "how off the the with time", -4265, 15.8, 14.58,
            "start living room fan").AskedBecause);
    }

    [Fact]
    public void A_clear_command_in_moderate_noise_is_still_executed()
    {
        // Piper (its clips read 23–27 dB) "turn on the kitchen lights": the free loop heard "on", the rival is 13.9 behind.
        var v = Decide("turn on the kitchen lights", -4951, 174, "us who a turn on the kitchen minute see", -6205, 24.8, 13.93, "turn off the kitchen lights");
        Assert.True(v.IsCommand);
        Assert.False(v.Unsure, v.AskedBecause);
    }

    [Fact]
    public void In_moderate_noise_the_rival_rise_asks_back_an_off_every_signal_agrees_on()
    {
        // Held-out flite-opp (session 40): flite slt in reverb 60 and white noise 25 dB (read 27.3 dB, the room's decay 5.5 ms/dB,
        // under OffRingMsPerDb) said "turn living room light on", heard "off" at margin 5.6, the free loop heard "off" too; the
        // check's nearest rival ("turn living room blinds off") 4.73 per frame behind over 216 frames, 150 counted. Only the
        // rise asks it back: 1 + 0.25 × 17.7 = 5.4. A rise of 0.15 per dB, fitted on the fit sets alone, would need 3.7 and
        // execute it: a wrong action. Piper's "turn on the lights" (25.0 dB, 4.7 ahead, heard right) is the price.
        RejectionRule.Outcome Off(SpeechOptions? o = null) => Decide("turn living room light off", -5941, 216,
            "fan him living her am my a time off", -7156, 27.3, 4.73 * 150 / 216, "turn living room blinds off", o, ring: 5.5);
        Assert.True(Off().IsCommand);
        Assert.Contains("rival 4.7/frame behind, under 5.4", Off().AskedBecause);
        Assert.False(Off(new SpeechOptions { NoisyRivalMarginPerDb = 0.15 }).Unsure);
    }

    [Fact]
    public void Clean_speech_is_untouched_by_the_noisy_rules()
    {
        // The free loop rarely writes espeak-ng's "on" (session 12); clean audio must not need it to.
        var v = Decide("turn on the kettle", -3000, 120, "turn a the kettle", -3500, 104, 6.5, "turn off the kettle");
        Assert.False(v.Unsure, v.AskedBecause);
        Assert.True(Decide("turn on the kettle", -3000, 120, "turn a the kettle", -3500, 30, 6.5, "turn off the kettle").Unsure);
    }
}
