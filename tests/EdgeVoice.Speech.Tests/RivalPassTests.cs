using EdgeVoice.Speech.PocketSphinx;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// What the rival check compares (issue 18): forced passes on one decoder, their grammar priors taken back out, and the
/// frames where the heard sentence and a rival differ.
/// </summary>
public sealed class RivalPassTests
{
    static IReadOnlyList<WordSpan> Spans(params (string Word, int Start, int End)[] words) => [.. words.Select(w => new WordSpan(w.Word, w.Start, w.End))];

    [Fact]
    public void The_differing_frames_are_those_of_the_words_the_two_sentences_do_not_share()
    {
        var heard = Spans(("turn", 0, 19), ("off", 20, 44), ("the", 45, 54), ("kettle", 55, 99));
        var rival = Spans(("turn", 0, 21), ("on", 22, 40), ("the", 41, 56), ("kettle", 57, 99));
        Assert.Equal(25, RejectionRule.DifferingFrames(heard, rival)); // 20..44 in one, 22..40 in the other
        // "thirty" against "thirty eight": the rival's "eight" and nothing of the heard sentence's own words
        var thirty = Spans(("to", 0, 9), ("thirty", 10, 49), ("percent", 50, 99));
        var eight = Spans(("to", 0, 9), ("thirty", 10, 30), ("eight", 31, 49), ("percent", 50, 99));
        Assert.Equal(19, RejectionRule.DifferingFrames(thirty, eight));
        Assert.Equal(19, RejectionRule.DifferingFrames(eight, thirty));
        Assert.Equal(0, RejectionRule.DifferingFrames(heard, heard));
    }

    [Fact]
    public async Task A_sentence_forced_alone_scores_the_same_every_pass_and_higher_than_among_others()
    {
        var opts = new SpeechOptions();
        // The check decoder's settings (DecoderSet).
        using var d = Decoder.Create(new Dictionary<string, string>
        {
            ["-hmm"] = opts.AcousticModel, ["-dict"] = opts.Dictionary, ["-logfn"] = "/dev/null", ["-fsgusefiller"] = "no", ["-remove_silence"] = "no",
            ["-beam"] = "1e-80", ["-pbeam"] = "1e-80", ["-wbeam"] = "1e-60", ["-topn"] = "16",
        });
        var clip = await SpeechFixtures.SayAsync("turn off the kettle");
        var pcm = new short[clip.Samples.Length];
        EdgeVoice.Core.AudioClip.ToPcm16(clip.Samples, pcm);
        var words = new List<string>();
        Hypothesis Pass(params string[] sentences)
        {
            d.SetJsgf("check", Rivals.Grammar(sentences));
            try
            {
                var h = d.DecodeWhole("check", pcm);
                words = [.. d.Words().Select(w => w.Word)];
                return h;
            }
            finally { d.UnsetSearch("check"); }
        }
        var alone = Pass("turn off the kettle");
        string[] others = ["turn on the fan", "open the blinds", "close the blinds", "turn on the kitchen light", "stop the fan", "what is the thermostat status", "set a timer for five minutes"];
        var among = Pass(["turn off the kettle", .. others]);
        Assert.Equal("turn off the kettle", among.Text);
        // Measured 415 lower with these 8 sentences (ln 8 × 6.5 in log base 1.0001 over 2^10, the JSGF prior, is 131):
        // a rival's score from a grammar of many is not comparable with the heard sentence's, so the check forces it again alone.
        Assert.True(alone.Score - among.Score > 200, $"alone {alone.Score}, among others {among.Score}");
        // Batch normalisation per pass: a pass barely depends on the passes before it (noise removal's running
        // estimate carries over: 2 in 5556 measured).
        Assert.InRange(Pass("turn off the kettle").Score - alone.Score, -10, 10);
        Assert.Equal(["turn", "off", "the", "kettle"], words);
    }
}
