using EdgeVoice.Core;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// The sentences one slip away from a heard command that would do something else: the opposite action,
/// every other number, every other name or area (decoys included). The check decoder scores the heard
/// sentence against them; a command the audio does not fit clearly better than its nearest rival is asked back.
/// </summary>
public static class Rivals
{
    static readonly (string, string)[] Opposites =
        [("on", "off"), ("open", "close"), ("start", "stop"), ("lock", "unlock"), ("seconds", "minutes"), ("minutes", "hours"), ("seconds", "hours")];

    static readonly HashSet<string> NumberWords = [.. Enumerable.Range(0, 101).SelectMany(n => CommandGrammar.NumberWords(n)!.Split(' '))];

    /// <summary>Rivals of <paramref name="heard"/> whose every word <paramref name="known"/> accepts (the check decoder's dictionary).</summary>
    public static IReadOnlyList<string> Of(string heard, IReadOnlyList<DeviceOptions> devices, Func<string, bool> known) =>
        [.. ByKind(heard, devices, known).Values.SelectMany(r => r).Distinct().Order(StringComparer.Ordinal)];

    /// <summary><see cref="Of"/> by what the rival changes; a kind with no rival is left out.</summary>
    public static IReadOnlyDictionary<RivalKind, IReadOnlyList<string>> ByKind(string heard, IReadOnlyList<DeviceOptions> devices, Func<string, bool> known)
    {
        var words = heard.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var opposites = new List<string>();
        for (int i = 0; i < words.Length; i++)
            foreach (var (a, b) in Opposites)
                if (words[i] == a || words[i] == b) opposites.Add(Replace(words, i, 1, words[i] == a ? b : a));
        var numbers = new List<string>();
        for (int i = 0; i < words.Length; i++)
        {
            if (!NumberWords.Contains(words[i])) continue;
            int end = i;
            while (end < words.Length && NumberWords.Contains(words[end])) end++;
            for (int n = 0; n <= 100; n++) numbers.Add(Replace(words, i, end - i, CommandGrammar.NumberWords(n)!));
            i = end;
        }
        // A name is replaced by another device's name or a decoy, an area by another area; another name of
        // the same device ("kettle plug" for "kettle") does the same thing and is no rival.
        var owner = devices.SelectMany(d => d.SpokenNames().Select(n => (Name: CommandGrammar.SpokenForm(n), d.Id)))
            .GroupBy(n => n.Name).ToDictionary(g => g.Key, g => g.First().Id);
        var names = devices.SelectMany(d => d.SpokenNames()).Concat(CommandGrammar.Decoys);
        var areas = devices.Select(d => d.Area);
        var replaced = new[] { names, areas }.Select(group =>
        {
            var spoken = group.Select(CommandGrammar.SpokenForm).Where(s => s.Length > 0).Distinct().ToList();
            var rivals = new List<string>();
            foreach (var name in spoken)
            {
                var n = name.Split(' ');
                for (int i = 0; i + n.Length <= words.Length; i++)
                    if (words.AsSpan(i, n.Length).SequenceEqual(n))
                        foreach (var other in spoken.Where(o => !(owner.TryGetValue(o, out var a) && owner.TryGetValue(name, out var b) && a == b)))
                            rivals.Add(Replace(words, i, n.Length, other));
            }
            return rivals;
        }).ToList();
        var kinds = new Dictionary<RivalKind, IReadOnlyList<string>>();
        foreach (var (kind, rivals) in new[] { (RivalKind.Opposite, opposites), (RivalKind.Number, numbers), (RivalKind.Name, replaced[0]), (RivalKind.Area, replaced[1]) })
        {
            var kept = rivals.Where(r => r != heard && r.Split(' ').All(known)).Distinct().Order(StringComparer.Ordinal).ToList();
            if (kept.Count > 0) kinds[kind] = kept;
        }
        return kinds;
    }

    static string Replace(string[] words, int at, int count, string with) =>
        string.Join(' ', words[..at].Append(with).Concat(words[(at + count)..]));

    /// <summary>A JSGF grammar that says exactly <paramref name="sentences"/>.</summary>
    public static string Grammar(IEnumerable<string> sentences) =>
        "#JSGF V1.0;\ngrammar check;\npublic <s> = " + string.Join(" | ", sentences.Select(s => $"( {s} )")) + ";\n";
}

/// <summary>What a rival sentence changes in the heard one.</summary>
public enum RivalKind { Opposite, Number, Name, Area }
