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
    /// <param name="RivalGap">
    /// How much better the heard sentence fits than the rival nearest to its kind's margin, per frame of the words where
    /// the two differ (null: not checked).
    /// </param>
    internal sealed record Outcome(bool IsCommand, bool Unsure, bool HeardDecoy, double Margin, double Threshold, double? RivalGap, double Confidence)
    {
        public string? Rival { get; init; }
    }

    /// <summary>
    /// A word shorter than this (frames) is judged as if it were this long: an "eight" the aligner squeezed into 8 frames
    /// would otherwise make a small difference in score look large.
    /// </summary>
    public const int ShortestWordFrames = 15;

    public static Outcome Decide(VerdictFacts f, SpeechOptions o)
    {
        var (cmd, free) = (f.Command, f.Free);
        var text = cmd.Text;
        // In noise both searches fit worse and real commands' margins drop, while out-of-grammar speech stays lower.
        double threshold = Math.Max(o.LowestRejectMargin, o.RejectMargin - o.NoiseRelaxPerDb * Math.Max(0, o.CleanSnrDb - f.SnrDb));
        double margin = cmd.Frames > 0 && text.Length > 0 ? (double)(cmd.Score - free.Score) / cmd.Frames : double.NegativeInfinity;
        bool tooLong = f.Seconds > o.MaxCommandSeconds;
        bool isCommand = text.Length > 0 && margin >= threshold && !tooLong && !f.Decoy;
        var (gap, shortfall, rival) = Nearest(f.Check, o);
        bool unsure = isCommand && (margin < threshold + o.ConfirmMargin || shortfall < 0);
        // The margin mapped onto 0..1 around the threshold, so logs and JSON carry a readable confidence.
        double confidence = text.Length == 0 ? 0 : 1 / (1 + Math.Exp(-(margin - threshold) / 4));
        return new Outcome(isCommand, unsure, f.Decoy && text.Length > 0 && !tooLong, margin, threshold, gap, confidence) { Rival = rival };
    }

    /// <summary>Each kind's margin: an opposite action or unit, a number, another name or area.</summary>
    public static double MarginFor(RivalKind kind, SpeechOptions o) => kind switch
    {
        RivalKind.Opposite => o.RivalMargin,
        RivalKind.Number => o.RivalNumberMargin,
        _ => o.RivalNameMargin,
    };

    /// <summary>
    /// The rival nearest to its kind's margin: its gap per frame of the differing words, the gap minus the margin (under 0:
    /// ask back) and its sentence.
    /// </summary>
    static (double? Gap, double Shortfall, string? Rival) Nearest(RivalCheck? check, SpeechOptions o)
    {
        if (check is null) return (null, double.PositiveInfinity, null);
        var heard = check.Heard;
        // A forced pass that found no path at all is no evidence for the heard sentence.
        if (heard.Text.Length == 0 || heard.Frames == 0) return (double.NegativeInfinity, double.NegativeInfinity, null);
        (double Gap, double Shortfall, string? Rival) nearest = (double.PositiveInfinity, double.PositiveInfinity, null);
        foreach (var r in check.Rivals.Where(r => r.Path.Text.Length > 0))
        {
            // The two forced passes differ only where their words do; averaged over the whole utterance a one-word
            // difference ("on" for "off") would be diluted by every shared word (EXPERIMENTS.md, session 13).
            int differing = DifferingFrames(check.Words, r.Words);
            double gap = (double)(heard.Score - r.Path.Score) / Math.Max(differing > 0 ? differing : heard.Frames, ShortestWordFrames);
            double shortfall = gap - MarginFor(r.Kind, o);
            if (shortfall < nearest.Shortfall) nearest = (gap, shortfall, r.Path.Text);
        }
        return nearest;
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
