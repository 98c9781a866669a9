using System.Text.RegularExpressions;
using EdgeVoice.Core;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// Random sentences the command grammar accepts (one per template and device), for the benchmark:
/// the sample set follows the configured devices instead of a hard-coded list.
/// </summary>
public static partial class SampleSentences
{
    static readonly string[] Numbers = ["five", "twenty", "twenty one", "thirty", "forty five", "fifty", "seventy", "one hundred"];

    /// <param name="templates">The template tier when on: its on-device and satellite-area sentences are drawn too.</param>
    public static IReadOnlyList<string> Generate(IReadOnlyList<DeviceOptions> devices, int seed = 1, TemplateTier? templates = null)
    {
        var rng = new Random(seed);
        var result = new List<string>();
        foreach (var t in CommandSentences.Templates)
        {
            if (CommandSentences.Targets(t, devices, templates) is not { } targets) continue;
            var slots = CommandSentences.DeviceSlots.Where(s => t.Pattern.Contains($"{{{s}}}")).ToList();
            if (slots.Count > 0 && targets.Count == 0) continue;
            foreach (var d in slots.Count > 0 ? targets.Cast<DeviceOptions?>() : [null])
            {
                if (slots.Any(s => !CommandSentences.SlotValues(s, d!).Any())) continue;
                var s = SlotRx().Replace(t.Pattern, m => m.Groups[1].Value switch
                {
                    "area" => CommandGrammar.SpokenForm(d!.Area),
                    var slot when slots.Contains(slot) => CommandGrammar.SpokenForm(Pick(CommandSentences.SlotValues(slot, d!).ToList(), rng)),
                    "number" => Numbers[rng.Next(Numbers.Length)],
                    "unit" => CommandSentences.Units[rng.Next(3)],
                    "color" => Pick(CommandSentences.Colors, rng),
                    _ => m.Value,
                });
                result.Add(string.Join(' ', Expand(s, rng).Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            }
        }
        return result.Distinct().ToList();
    }

    static string Pick(IReadOnlyList<string> values, Random rng) => values[rng.Next(values.Count)];

    /// <summary>Resolves (a | b) and [optional] groups, innermost first.</summary>
    static string Expand(string s, Random rng)
    {
        while (true)
        {
            var m = GroupRx().Match(s);
            if (!m.Success) return s;
            var alts = m.Value[1..^1].Split('|').Select(a => a.Trim()).ToList();
            if (m.Value[0] == '[') alts = [alts[0], ""];
            s = s[..m.Index] + " " + alts[rng.Next(alts.Count)] + " " + s[(m.Index + m.Length)..];
        }
    }

    /// <summary>
    /// Random sentences a JSGF grammar (as <see cref="CommandGrammar"/> writes it) can produce: each a random path from
    /// &lt;command&gt;, every alternative and optional part equally likely.
    /// </summary>
    public static IReadOnlyList<string> FromGrammar(string jsgf, int count, int seed = 1)
    {
        var rules = RuleRx().Matches(jsgf).ToDictionary(m => m.Groups[1].Value, m => TokenRx().Matches(m.Groups[2].Value).Select(t => t.Value).ToArray());
        var rng = new Random(seed);
        var result = new List<string>();
        for (int k = 0; k < count; k++)
        {
            var words = new List<string>();
            int i = 0;
            Walk(rules, rules["command"], ref i, words, rng, 0);
            result.Add(string.Join(' ', words.Where(w => !Lead.IsLead(w)))); // noise before the words is not said
        }
        return result;
    }

    /// <summary>Alternatives up to a closing bracket: one chosen at random is said, the others skipped.</summary>
    static void Walk(Dictionary<string, string[]> rules, string[] t, ref int i, List<string> words, Random rng, int depth)
    {
        if (depth > 50) throw new InvalidOperationException("grammar nests too deep");
        var starts = new List<int> { i };
        for (int j = i, level = 0; j < t.Length; j++)
        {
            if (t[j] is "(" or "[") level++;
            else if (t[j] is ")" or "]") { if (level-- == 0) break; }
            else if (t[j] == "|" && level == 0) starts.Add(j + 1);
        }
        int pick = starts[rng.Next(starts.Count)];
        Skip(t, ref i);
        for (int j = pick; j < t.Length && t[j] is not ("|" or ")" or "]");)
        {
            var tok = t[j++];
            if (tok is "(" or "[")
            {
                int inner = j;
                if (tok == "(" || rng.Next(2) == 0) Walk(rules, t, ref inner, words, rng, depth + 1);
                Skip(t, ref j);
                j++;
            }
            else if (tok.StartsWith('<')) { int r = 0; Walk(rules, rules[tok[1..^1]], ref r, words, rng, depth + 1); }
            else words.Add(tok);
        }
    }

    /// <summary>Moves past the alternatives that start at <paramref name="i"/>, to their closing bracket (or the end).</summary>
    static void Skip(string[] t, ref int i)
    {
        for (int level = 0; i < t.Length; i++)
        {
            if (t[i] is "(" or "[") level++;
            else if (t[i] is ")" or "]" && level-- == 0) return;
        }
    }

    [GeneratedRegex(@"^(?:public\s+)?<(\w+)>\s*=\s*(.*);\s*$", RegexOptions.Multiline)] private static partial Regex RuleRx();
    [GeneratedRegex(@"<\w+>|[()\[\]|]|[a-z']+")] private static partial Regex TokenRx();
    [GeneratedRegex(@"\{(\w+)\}")] private static partial Regex SlotRx();
    [GeneratedRegex(@"[\(\[][^\(\)\[\]]*[\)\]]")] private static partial Regex GroupRx();
}
