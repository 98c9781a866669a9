namespace EdgeVoice.Core;

/// <summary>
/// Whether the assistant's last reply asked a question ("start the press? say yes or no") that is still
/// open. The intent stage knows; the grammar recogniser listens for the answers only then.
/// </summary>
public interface IDialogState
{
    bool ExpectsAnswer { get; }
}

/// <summary>
/// Answers to "Please confirm: start the press? Say yes or no." One list for the intent stage, which
/// acts on them, and the grammar recogniser, which must be able to hear them: without it a confirmed
/// action could never be said to a device that has no Whisper model.
/// </summary>
public static class Replies
{
    // No "confirm" (K AH N F ER M) beside "cancel" (K AE N S AH L), no "yep" beside "nope": a no heard as a
    // yes would start the press. The speech bench heard "no thanks" as "confirm" at 10 dB.
    public static readonly string[] Yes = ["yes", "yeah", "sure", "do it", "go ahead"];
    public static readonly string[] No = ["no", "nope", "cancel", "stop"];

    /// <summary>
    /// As the grammar hears them (words only; "yes please" and "no thanks" as well). Only those two take the courtesy word:
    /// nobody says "sure please" or "stop thanks", and each such path is one more that a word said nearby can fit ("shoe" and
    /// "shorts" were heard as "sure please").
    /// </summary>
    public static string Pattern => $"yes [please] | no [thanks] | {string.Join(" | ", Yes.Concat(No).Except(["yes", "no"]))}";

    /// <summary>
    /// True for a yes, false for a no, null otherwise, for normalized text that starts with a reply
    /// ("yes do it", "no the other one"): the caller decides whether a leading word is enough.
    /// </summary>
    public static bool? Starts(string normalized) =>
        Yes.Any(y => Begins(normalized, y) is not null) ? true : No.Any(n => Begins(normalized, n) is not null) ? false : null;

    /// <summary>True when the whole utterance is a reply and nothing else ("yes", "no thanks").</summary>
    public static bool IsWhole(string normalized) =>
        Yes.Concat(No).Any(r => Begins(normalized, r) is "" or "thanks" or "please" or "thank you");

    /// <summary>What follows <paramref name="phrase"/> when the text starts with it as whole words, else null.</summary>
    static string? Begins(string s, string phrase) =>
        s == phrase ? "" : s.StartsWith(phrase + " ", StringComparison.Ordinal) ? s[(phrase.Length + 1)..] : null;
}
