using System.Text;
using System.Text.RegularExpressions;
using EdgeVoice.Core;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// Builds a JSGF grammar from the shared command templates and the configured devices, so the
/// recogniser can only hear sentences the intent rules understand. A pure function of configuration.
/// </summary>
public static partial class CommandGrammar
{
    static readonly string[] Ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    static readonly string[] Tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    public static string Build(IReadOnlyList<DeviceOptions> devices)
    {
        var rules = new List<string>();
        var sb = new StringBuilder("#JSGF V1.0;\ngrammar edgevoice;\n");
        int n = 0;
        foreach (var t in CommandSentences.Templates)
        {
            var targets = devices.Where(t.AppliesTo).ToList();
            string body = Normalize(t.Pattern);
            if (body.Contains("<name>"))
            {
                if (targets.Count == 0) continue;
                body = body.Replace("<name>", Alternatives(targets.SelectMany(d => d.SpokenNames())));
            }
            if (body.Contains("<area>"))
            {
                var areas = targets.Select(d => d.Area).Where(a => a.Length > 0).ToList();
                if (areas.Count == 0) continue;
                body = body.Replace("<area>", Alternatives(areas));
            }
            var rule = $"t{n++}";
            sb.Append($"<{rule}> = {body};\n");
            rules.Add($"<{rule}>");
        }
        if (rules.Count == 0) throw new InvalidOperationException("no command sentences: configure at least one device with actions");
        sb.Append($"public <command> = {string.Join(" | ", rules)};\n");
        sb.Append($"<number> = {string.Join(" | ", Ones)} | ({string.Join(" | ", Tens)}) [{string.Join(" | ", Ones[1..10])}] | one hundred;\n");
        sb.Append($"<unit> = {string.Join(" | ", CommandSentences.Units)};\n");
        return sb.ToString();
    }

    /// <summary>Every distinct word the grammar can produce (for the dictionary check).</summary>
    public static IEnumerable<string> Words(string jsgf) =>
        jsgf.Split('\n').Where(l => l.StartsWith('<') || l.StartsWith("public"))
            .Select(l => l[(l.IndexOf('=') + 1)..])
            .SelectMany(l => WordRx().Matches(RuleRefRx().Replace(l, " ")).Select(m => m.Value))
            .Distinct();

    /// <summary>Lower-case words only: what the recogniser outputs and the rule matcher expects.</summary>
    public static string SpokenForm(string name) =>
        SpaceRx().Replace(NonWordRx().Replace(name.ToLowerInvariant(), " "), " ").Trim();

    static string Alternatives(IEnumerable<string> names) =>
        "(" + string.Join(" | ", names.Select(SpokenForm).Where(s => s.Length > 0).Distinct()) + ")";

    static string Normalize(string pattern) => SlotRx().Replace(pattern, m => $"<{m.Groups[1].Value}>");

    [GeneratedRegex(@"\{(\w+)\}")] private static partial Regex SlotRx();
    [GeneratedRegex(@"<[^>]+>")] private static partial Regex RuleRefRx();
    [GeneratedRegex(@"[a-z']+")] private static partial Regex WordRx();
    [GeneratedRegex(@"[^a-z' ]")] private static partial Regex NonWordRx();
    [GeneratedRegex(@"\s+")] private static partial Regex SpaceRx();
}
