using EdgeVoice.Core;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// What a verdict is decided on: the command search's and the free loop's best paths over the same audio,
/// and, once a command is accepted, the check decoders' best of it among its rivals and best of the rivals alone.
/// </summary>
internal sealed record VerdictFacts(Hypothesis Command, Hypothesis Free, double Seconds, double SnrDb, bool Decoy,
    (Hypothesis Heard, Hypothesis Rival)? Check)
{
    /// <summary>How slowly the sound died away after the last word, ms per dB (LiveTrim's RoomLevels.RingMsPerDb; null: not told).</summary>
    public double? RingMsPerDb { get; init; }

    /// <summary>The last word ended too near the noise floor for a decay to be measured (LiveTrim's RoomLevels.EndsInNoise).</summary>
    public bool EndsInNoise { get; init; }

    /// <summary>The words that tell the grammar's devices apart (null: not told).</summary>
    public NameWords? Names { get; init; }

    /// <summary>A confirmation question was open: the answers were in both searches.</summary>
    public bool Answering { get; init; }
}

/// <summary>Command, asked back or rejected: a pure function of the figures and the options.</summary>
internal static class RejectionRule
{
    /// <param name="RivalGap">How much better the heard sentence fits than its nearest rival, per frame of the utterance with
    /// at most 1.5 s counted (<see cref="RivalFrames"/>; null: not checked).</param>
    /// <param name="AskedBecause">Why a command is asked back instead of executed (null: it is not).</param>
    internal sealed record Outcome(bool IsCommand, bool Unsure, bool HeardDecoy, double Margin, double Threshold, double? RivalGap, double Confidence,
        string? AskedBecause = null);

    /// <summary>
    /// The check's score difference is read per frame of the utterance, counting at most this many frames (1.5 s): a rival
    /// differs from the heard sentence in one slot, so past that a longer sentence adds frames the rival shares, not
    /// evidence. Per frame of the whole utterance, the same evidence counted less in a long sentence and long commands
    /// were asked back (EXPERIMENTS.md, session 31).
    /// </summary>
    public const int RivalFrames = 150;

    public static Outcome Decide(VerdictFacts f, SpeechOptions o)
    {
        var (cmd, free) = (f.Command, f.Free);
        var text = cmd.Text;
        // In noise both searches fit worse and real commands' margins drop, while out-of-grammar speech stays lower.
        double threshold = Math.Max(o.LowestRejectMargin, o.RejectMargin - o.NoiseRelaxPerDb * Math.Max(0, o.CleanSnrDb - f.SnrDb));
        double margin = cmd.Frames > 0 && text.Length > 0 ? (double)(cmd.Score - free.Score) / cmd.Frames : double.NegativeInfinity;
        bool tooLong = f.Seconds > o.MaxCommandSeconds;
        bool isCommand = text.Length > 0 && margin >= threshold && !tooLong && !f.Decoy;
        // The heard sentence forced among its rivals: a rival that won that pass, or no path at all, is -∞. A pass through
        // the rivals alone that found no path is no evidence against them (NaN).
        double? gap = f.Check is (var heard, var rival) && heard.Frames > 0
            ? heard.Text != text ? double.NegativeInfinity
            : rival.Text.Length == 0 ? double.NaN : (double)(heard.Score - rival.Score) / Math.Min(heard.Frames, RivalFrames)
            : null;
        string? why = isCommand ? AskBack(f, o, margin, threshold, gap) : null;
        // The margin mapped onto 0..1 around the threshold, so logs and JSON carry a readable confidence.
        double confidence = text.Length == 0 ? 0 : 1 / (1 + Math.Exp(-(margin - threshold) / 4));
        return new Outcome(isCommand, why is not null, f.Decoy && text.Length > 0 && !tooLong, margin, threshold, gap, confidence, why);
    }

    /// <summary>Why an accepted command is not sure enough to execute; null when it is.</summary>
    static string? AskBack(VerdictFacts f, SpeechOptions o, double margin, double threshold, double? gap)
    {
        if (margin < threshold + o.ConfirmMargin) return $"margin {margin:F1} within {o.ConfirmMargin:F1} of the threshold";
        // The threshold is lowered in noise because sentences outside the grammar stay far below it; a one-word answer is as
        // short as a syllable of chatter, which fits "yes" about as well as the free loop does (EXPERIMENTS.md, session 38).
        bool answer = Replies.IsWhole(f.Command.Text);
        if (answer && margin < o.RejectMargin + o.ConfirmMargin)
            return $"an answer at margin {margin:F1}, within {o.ConfirmMargin:F1} of the threshold in quiet ({o.RejectMargin:F1}): in noise chatter fits an answer as well";
        var words = f.Command.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var free = f.Free.Text.Split(' ');
        // A whole answer's "stop" is a no, not an action with an opposite.
        var atStake = answer ? [] : words.Where(Rivals.AtStake).ToList();
        // The free loop has every command word: an action it did not hear is the two decoders disagreeing on what to do
        // (EXPERIMENTS.md, session 33). While a question is open the speaker is expected to answer it, and a real voice saying
        // no command was carried out then at 3.3 over the free loop (session 37): then the disagreement asks back at any margin.
        double unheardBand = f.Answering && o.UnheardActionConfirmMargin > 0 ? double.PositiveInfinity : o.UnheardActionConfirmMargin;
        if (margin < threshold + unheardBand && atStake.Where(Rivals.HasOpposite).Except(free).FirstOrDefault() is string missed)
            return f.Answering ? $"a question was open and the free loop did not hear '{missed}'"
                : $"margin {margin:F1} within {o.UnheardActionConfirmMargin:F1} of the threshold and the free loop did not hear '{missed}'";
        // In noise and reverberation the en-us model hears on/off and numbers wrong with every signal agreeing
        // (EXPERIMENTS.md, session 14): below NoisySnrDb an action or number needs more evidence the lower the SNR.
        double noisy = atStake.Count > 0 ? Math.Max(0, o.NoisySnrDb - f.SnrDb) : 0;
        double rivalMargin = o.RivalMargin + o.NoisyRivalMarginPerDb * noisy;
        // -∞: the check's best among the heard sentence and its rivals was not the heard sentence (Decide).
        if (gap is double.NegativeInfinity && f.Check is var (heard, _))
            return heard.Text.Length == 0 ? "the check found no path through the heard sentence"
                : $"forced on the whole utterance, '{heard.Text}' fits it better than the heard sentence";
        if (gap < rivalMargin) return $"rival {gap:F1}/frame behind, under {rivalMargin:F1}";
        if (atStake.Count > 0 && gap is double.NaN) return "the check found no path through any rival: nothing shows the heard action fits better";
        if (noisy > 0 && atStake.Except(free).FirstOrDefault() is string unheard)
            return $"SNR {f.SnrDb:F0} dB and the free loop did not hear '{unheard}'";
        // The two decoders disagree on the device: in noise, as for an action, the free loop's word counts (EXPERIMENTS.md, session 25).
        if (noisy > 0 && f.Names?.Of(f.Command.Text) is ({ Count: > 0 } mine, var others) && !free.Any(mine.Contains)
            && free.FirstOrDefault(others.Contains) is string other)
            return $"SNR {f.SnrDb:F0} dB and the free loop heard '{other}', not '{string.Join("' or '", mine)}'";
        if (words.Contains("off") && WhyNotOff(f, o) is string off) return off;
        // A ringing room fills the silence before "stop"'s p, so its vowel sounds as long as "start"'s (EXPERIMENTS.md, session 25).
        if (atStake.Contains("start") && WhyRinging(f, o, "start") is string start) return start;
        // A room still ringing when the endpointer closed the command: the decoder heard the decay too, and in it
        // an opposite action or a number the speaker never said (EXPERIMENTS.md, session 24).
        return atStake.Count > 0 && o.OffRingMsPerDb > 0 && f.RingMsPerDb is double.PositiveInfinity
            ? "the room still rang when the command ended: reverberation is heard as words" : null;
    }

    /// <summary>Why a heard "off" may be noise or reverberation after an "on"; null when the room gives no reason.</summary>
    static string? WhyNotOff(VerdictFacts f, SpeechOptions o)
    {
        if (f.SnrDb < o.OffSnrDb) return $"SNR {f.SnrDb:F0} dB, under {o.OffSnrDb:F0}: noise after a word is heard as 'off'";
        return WhyRinging(f, o, "off");
    }

    /// <summary>Why a heard <paramref name="word"/> may be the room's reverberation; null when the room is known to be dry.</summary>
    static string? WhyRinging(VerdictFacts f, SpeechOptions o, string word)
    {
        if (o.OffRingMsPerDb <= 0) return null;
        if (f.RingMsPerDb > o.OffRingMsPerDb)
            return $"the room rang on after the last word ({f.RingMsPerDb:F0} ms/dB, over {o.OffRingMsPerDb:F0}): reverberation is heard as '{word}'";
        // Unmeasured is not dry: in a ringing room with loud noise the decay sinks into the floor before it can be read.
        return f.EndsInNoise ? $"the last word ended in the noise, so a ringing room cannot be ruled out: reverberation is heard as '{word}'" : null;
    }
}
