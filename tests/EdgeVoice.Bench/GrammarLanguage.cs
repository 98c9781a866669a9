using System.Text;
using System.Text.RegularExpressions;
using EdgeVoice.Speech.PocketSphinx;

namespace EdgeVoice.Bench;

/// <summary>
/// Whether a JSGF grammar (as CommandGrammar writes it) can say a sentence at all: the grammar turned into a
/// regular expression over words. Used to report how much of a test set the configured grammar covers.
/// </summary>
public sealed partial class GrammarLanguage
{
    readonly Dictionary<string, string> _rules = [];
    readonly Regex _sentence;

    public GrammarLanguage(string jsgf)
    {
        foreach (Match m in RuleRx().Matches(jsgf)) _rules[m.Groups[1].Value] = m.Groups[2].Value;
        _sentence = new Regex("^(?:" + Expand(_rules["command"], 0) + ")$", RegexOptions.CultureInvariant);
    }

    public bool Accepts(string spoken) => _sentence.IsMatch(spoken + " ");

    /// <summary>A transcript as the grammar spells it: lower case, no punctuation, numbers in words ("75" → "seventy five").</summary>
    public static string Spoken(string text) =>
        CommandGrammar.SpokenForm(DigitsRx().Replace(text, m => int.TryParse(m.Value, out int v) && CommandGrammar.NumberWords(v) is { } w ? w : m.Value));

    string Expand(string body, int depth)
    {
        if (depth > 20) throw new InvalidOperationException("grammar nests too deep");
        var sb = new StringBuilder();
        foreach (Match t in TokenRx().Matches(body))
        {
            var s = t.Value;
            sb.Append(s switch
            {
                "(" => "(?:",
                "[" => "(?:",
                ")" => ")",
                "]" => ")?",
                "|" => "|",
                "*" or "+" => s,
                _ when s.StartsWith('<') => "(?:" + Expand(_rules[s[1..^1]], depth + 1) + ")",
                _ => Regex.Escape(s) + " ",
            });
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"^(?:public\s+)?<(\w+)>\s*=\s*(.*);\s*$", RegexOptions.Multiline)] private static partial Regex RuleRx();
    [GeneratedRegex(@"<\w+>|[()\[\]|*+]|[a-z']+")] private static partial Regex TokenRx();
    [GeneratedRegex(@"\d+")] private static partial Regex DigitsRx();
}
