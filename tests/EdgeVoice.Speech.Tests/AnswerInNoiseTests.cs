using EdgeVoice.Speech.PocketSphinx;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// A one-word answer is as short as a syllable of chatter. In noise the threshold is lowered (<see cref="SpeechOptions.NoiseRelaxPerDb"/>)
/// because out-of-grammar sentences stay far below it, but a syllable fits "yes" about as well as the free loop does: with
/// a question open, 89 of 1,200 Mandarin syllables were taken for a yes (session 38). The figures below are from
/// `speech answers mandarin dump=` and the fit sets' answers (`speech answers dump=`).
/// </summary>
public sealed class AnswerInNoiseTests
{
    static Hypothesis H(string text, int score, int frames) => new(text, score, frames, 0);

    static RejectionRule.Outcome Answer(string heard, double margin, double snrDb, string free, int frames = 20) =>
        RejectionRule.Decide(new VerdictFacts(H(heard, -2000, frames), H(free, -2000 - (int)Math.Round(margin * frames), frames), frames / 100.0,
            snrDb, false, null) { Answering = true }, new SpeechOptions());

    [Fact]
    public void In_noise_an_answer_heard_in_a_syllable_of_chatter_is_asked_again()
    {
        // Voice 3 said "diàn" (ㄉㄧㄢ4) while "Did you say …?" was open: 'yes' at margin −3.0 in 7.8 dB, the threshold
        // lowered to −7; the free loop heard "give". Taken for a yes, it did what was asked back.
        Assert.True(Answer("yes", -3.0, 7.75, "give") is { IsCommand: true, Unsure: true }, "taken for a yes");
        // "mì" (ㄇㄧ4): 'yes' at −4.9 in 10.8 dB, the free loop "me".
        Assert.True(Answer("yes", -4.9, 10.8, "me") is { IsCommand: true, Unsure: true }, "taken for a yes");
    }

    [Fact]
    public void A_clear_answer_in_noise_or_a_close_one_in_quiet_is_taken_as_before()
    {
        // espeak-ng's "yes" in the bench's 14 dB condition: margin 13.3, the free loop "yes".
        Assert.True(Answer("yes", 13.3, 14.3, "yes") is { IsCommand: true, Unsure: false });
        // espeak-ng's "stop" in quiet (95 dB): margin 1.4, 2.4 over the threshold of −1.
        Assert.True(Answer("stop", 1.4, 95.3, "stop") is { IsCommand: true, Unsure: false });
        // A command in the same noise keeps the lowered threshold: 'turn on the fan' at −3.0 in 7.8 dB, free loop agreeing.
        Assert.Null(Answer("turn on the fan", -3.0, 7.75, "turn on the fan", frames: 100).AskedBecause);
    }
}
