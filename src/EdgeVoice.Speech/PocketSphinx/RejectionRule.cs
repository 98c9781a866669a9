namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// What a verdict is decided on: the command search's and the free loop's best paths over the same audio,
/// and, once a command is accepted, the check decoder's forced passes of it and of its rivals.
/// </summary>
internal sealed record VerdictFacts(Hypothesis Command, Hypothesis Free, double Seconds, double SnrDb, bool Decoy, RivalCheck? Check);

/// <summary>The heard sentence forced on the whole utterance, with its words' frames, and the best rival of each kind.</summary>
internal sealed record RivalCheck(Hypothesis Heard, IReadOnlyList<WordSpan> Words, IReadOnlyList<RivalFit> Rivals);

/// <summary>The best of one kind's rivals forced alone on the utterance (no path: empty text).</summary>
internal sealed record RivalFit(RivalKind Kind, Hypothesis Path, IReadOnlyList<WordSpan> Words);

/// <summary>Command, asked back or rejected: a pure function of the figures and the options.</summary>
internal static class RejectionRule
{
    /// <param name="RivalGap">Per frame of the utterance, how much better the heard sentence fits than its nearest rival (null: not checked).</param>
    /// <param name="WordGap">The same per frame of the words where the two differ, for the rival nearest by that measure.</param>
    internal sealed record Outcome(bool IsCommand, bool Unsure, bool HeardDecoy, double Margin, double Threshold, double? RivalGap, double Confidence)
    {
        public double? WordGap { get; init; }
        public string? Rival { get; init; }
    }

    public static Outcome Decide(VerdictFacts f, SpeechOptions o)
    {
        var (cmd, free) = (f.Command, f.Free);
        var text = cmd.Text;
        // In noise both searches fit worse and real commands' margins drop, while out-of-grammar speech stays lower.
        double threshold = Math.Max(o.LowestRejectMargin, o.RejectMargin - o.NoiseRelaxPerDb * Math.Max(0, o.CleanSnrDb - f.SnrDb));
        double margin = cmd.Frames > 0 && text.Length > 0 ? (double)(cmd.Score - free.Score) / cmd.Frames : double.NegativeInfinity;
        bool tooLong = f.Seconds > o.MaxCommandSeconds;
        bool isCommand = text.Length > 0 && margin >= threshold && !tooLong && !f.Decoy;
        var (gap, wordGap, rival) = Gaps(f.Check);
        bool unsure = isCommand && (margin < threshold + o.ConfirmMargin || gap < o.RivalMargin || wordGap < o.RivalWordMargin);
        // The margin mapped onto 0..1 around the threshold, so logs and JSON carry a readable confidence.
        double confidence = text.Length == 0 ? 0 : 1 / (1 + Math.Exp(-(margin - threshold) / 4));
        return new Outcome(isCommand, unsure, f.Decoy && text.Length > 0 && !tooLong, margin, threshold, gap, confidence) { WordGap = wordGap, Rival = rival };
    }

    /// <summary>The nearest rival's gaps per frame of the utterance and per frame of the differing words (each its own nearest).</summary>
    static (double? Gap, double? WordGap, string? Rival) Gaps(RivalCheck? check)
    {
        if (check is null) return (null, null, null);
        var heard = check.Heard;
        // A forced pass that found no path at all is no evidence for the heard sentence.
        if (heard.Text.Length == 0 || heard.Frames == 0) return (double.NegativeInfinity, double.NegativeInfinity, null);
        double gap = double.PositiveInfinity, wordGap = double.PositiveInfinity;
        string? nearest = null;
        foreach (var r in check.Rivals.Where(r => r.Path.Text.Length > 0))
        {
            double diff = heard.Score - r.Path.Score;
            if (diff / heard.Frames < gap) (gap, nearest) = (diff / heard.Frames, r.Path.Text);
            int differing = DifferingFrames(check.Words, r.Words);
            wordGap = Math.Min(wordGap, diff / (differing > 0 ? differing : heard.Frames));
        }
        return (gap, wordGap, nearest);
    }

    /// <summary>
    /// The frames the two alignments spend on words they do not share: from the first differing word's start in
    /// either to the last differing word's end in either (the shared words before and after are matched in order).
    /// </summary>
    public static int DifferingFrames(IReadOnlyList<WordSpan> a, IReadOnlyList<WordSpan> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        int head = 0;
        while (head < a.Count && head < b.Count && a[head].Word == b[head].Word) head++;
        int tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && a[^(tail + 1)].Word == b[^(tail + 1)].Word) tail++;
        if (head == a.Count && head == b.Count) return 0;
        int start = int.MaxValue, end = int.MinValue;
        foreach (var (words, at) in new[] { (a, head), (b, head) })
        {
            int last = words.Count - tail; // the differing words are words[at..last)
            // A side whose differing part is empty ("thirty" against "thirty eight") is the boundary between its shared words.
            int from = at < last ? words[at].Start : at < words.Count ? words[at].Start : words[^1].End + 1;
            int to = at < last ? words[last - 1].End : from - 1;
            start = Math.Min(start, from);
            end = Math.Max(end, to);
        }
        return Math.Max(0, end - start + 1);
    }
}
