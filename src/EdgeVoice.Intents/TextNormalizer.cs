using System.Text.RegularExpressions;

namespace EdgeVoice.Intents;

public static partial class TextNormalizer
{
    static readonly string[] Politeness = ["please", "could you", "can you", "would you", "will you", "hey", "kindly", "for me", "now"];

    /// <summary>Lower case, "30%" → "30 percent", punctuation dropped, politeness removed.</summary>
    public static string Normalize(string text)
    {
        var s = text.ToLowerInvariant().Replace("%", " percent").Replace("°c", " degrees").Replace("°", " degrees");
        s = s.Replace("what's", "what is").Replace("it's", "it is").Replace("i'm", "i am").Replace("°", "");
        s = NonWord().Replace(s, " ");
        s = " " + Spaces().Replace(s, " ").Trim() + " ";
        foreach (var p in Politeness) s = s.Replace(" " + p + " ", " ");
        return Spaces().Replace(s, " ").Trim();
    }

    public static string[] Words(string normalized) => normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Index of a whole-word phrase in a normalized sentence, or -1.</summary>
    public static int IndexOfPhrase(string normalized, string phrase)
    {
        var s = " " + normalized + " ";
        int i = s.IndexOf(" " + phrase + " ", StringComparison.Ordinal);
        return i;
    }

    [GeneratedRegex(@"[^a-z0-9.' ]|(?<![0-9])\.|\.(?![0-9])")] private static partial Regex NonWord();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();
}
