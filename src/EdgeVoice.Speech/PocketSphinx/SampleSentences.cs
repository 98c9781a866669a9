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

    public static IReadOnlyList<string> Generate(IReadOnlyList<DeviceOptions> devices, int seed = 1)
    {
        var rng = new Random(seed);
        var result = new List<string>();
        foreach (var t in CommandSentences.Templates)
        {
            var targets = devices.Where(t.AppliesTo).ToList();
            bool needsDevice = t.Pattern.Contains("{name}") || t.Pattern.Contains("{area}");
            if (needsDevice && targets.Count == 0) continue;
            foreach (var d in needsDevice ? targets.Cast<DeviceOptions?>() : [null])
            {
                if (t.Pattern.Contains("{area}") && (d is null || d.Area.Length == 0)) continue;
                var names = d?.SpokenNames().ToList() ?? [];
                var s = SlotRx().Replace(t.Pattern, m => m.Groups[1].Value switch
                {
                    "name" => CommandGrammar.SpokenForm(names[rng.Next(names.Count)]),
                    "area" => CommandGrammar.SpokenForm(d!.Area),
                    "number" => Numbers[rng.Next(Numbers.Length)],
                    "unit" => CommandSentences.Units[rng.Next(3)],
                    _ => m.Value,
                });
                result.Add(string.Join(' ', Expand(s, rng).Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            }
        }
        return result.Distinct().ToList();
    }

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

    [GeneratedRegex(@"\{(\w+)\}")] private static partial Regex SlotRx();
    [GeneratedRegex(@"[\(\[][^\(\)\[\]]*[\)\]]")] private static partial Regex GroupRx();
}
