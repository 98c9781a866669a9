using System.Text.RegularExpressions;

namespace EdgeVoice.Intents.Templates;

/// <summary>A sentence cannot be written as a closed grammar (a wildcard, too many glued spellings).</summary>
public sealed class NotGrammarException(string message) : Exception(message);

/// <summary>
/// One template (rules already inlined) as a JSGF expression, without expanding it: alternatives stay alternatives,
/// optional parts stay optional, lists become rule references. Only text glued to its neighbour inside a word
/// ("light[s]") is spelled out, since the recogniser hears words. Null means no path of it can be said.
/// </summary>
public sealed partial class JsgfWriter(Func<ListNode, string?> listRule, Func<ListNode, IEnumerable<string>> listTexts, Func<string, bool> sayable)
{
    const int MaxSpellings = 1000;

    /// <summary>Words a template needed that the recogniser cannot say.</summary>
    public HashSet<string> Unsayable { get; } = [];

    public string? Write(Node n) => Prune(n) is { } said ? Emit(said) : null;

    string? Emit(Node n) => n switch
    {
        TextNode t => Words(t.Text),
        SeqNode s => Seq(s.Items),
        AltNode a => Alt(a.Options.Select(Emit)),
        ListNode l => listRule(l),
        _ => throw new InvalidOperationException($"unbound template node {n.GetType().Name}"),
    };

    string? Seq(Node[] items)
    {
        var parts = new List<string>();
        for (int i = 0; i < items.Length;)
        {
            int j = i;
            while (j + 1 < items.Length && Edge(items[j], right: true).Glues && Edge(items[j + 1], right: false).Glues) j++;
            var part = j == i ? Emit(items[i]) : Alt(Spellings(new SeqNode(items[i..(j + 1)])).Select(Words));
            if (part is null) return null;
            if (part.Length > 0) parts.Add(part);
            i = j + 1;
        }
        return string.Join(' ', parts);
    }

    static string? Alt(IEnumerable<string?> options)
    {
        var said = options.OfType<string>().ToList();
        if (said.Count == 0) return null;
        var words = said.Where(o => o.Length > 0).Distinct().ToList();
        if (words.Count == 0) return "";
        var body = string.Join(" | ", words);
        return said.Any(o => o.Length == 0) ? $"[{body}]" : words.Count == 1 ? body : $"({body})";
    }

    /// <summary>
    /// Without the parts no word can be said with (text with "%" or "°"): otherwise "{volume}[%| percent]" would glue
    /// the number to "%" and spell every number out. Null when nothing is left.
    /// </summary>
    static Node? Prune(Node n)
    {
        switch (n)
        {
            case TextNode t: return t.Text.All(c => c == ' ' || c == '\'' || char.IsAsciiLetterLower(c)) ? t : null;
            case AltNode a:
                var options = a.Options.Select(Prune).OfType<Node>().ToArray();
                return options.Length == 0 ? null : new AltNode(options);
            case SeqNode s:
                var items = s.Items.Select(Prune).ToArray();
                return items.Any(i => i is null) ? null : new SeqNode(items!);
            default: return n;
        }
    }

    /// <summary>Literal text as words, or null when one of them cannot be said.</summary>
    string? Words(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var w in words)
            if (!WordRx().IsMatch(w) || !sayable(w)) { Unsayable.Add(w); return null; }
        return string.Join(' ', words);
    }

    /// <summary>Every text a glued run stands for.</summary>
    IEnumerable<string> Spellings(Node n)
    {
        var result = n switch
        {
            TextNode t => [t.Text],
            AltNode a => a.Options.SelectMany(Spellings).Distinct().ToList(),
            SeqNode s => s.Items.Aggregate((IEnumerable<string>)[""], (acc, item) =>
                acc.SelectMany(prefix => Spellings(item).Select(x => prefix + x)).Take(MaxSpellings + 1).ToList()),
            ListNode l => listTexts(l).ToList(),
            _ => throw new InvalidOperationException($"unbound template node {n.GetType().Name}"),
        };
        if (result.Count() > MaxSpellings) throw new NotGrammarException($"more than {MaxSpellings} spellings glued into one word");
        return result;
    }

    /// <summary>Whether a node can touch its neighbour on that side without a space, and whether it can be empty.</summary>
    static (bool Glues, bool Empty) Edge(Node n, bool right)
    {
        switch (n)
        {
            case TextNode t: return (t.Text.Length > 0 && (right ? t.Text[^1] : t.Text[0]) != ' ', t.Text.Length == 0);
            case ListNode: return (true, false);
            case AltNode a:
                var edges = a.Options.Select(o => Edge(o, right)).ToList();
                return (edges.Any(e => e.Glues), edges.Any(e => e.Empty));
            case SeqNode s:
                bool glues = false;
                foreach (var item in right ? s.Items.Reverse() : s.Items)
                {
                    var e = Edge(item, right);
                    glues |= e.Glues;
                    if (!e.Empty) return (glues, false);
                }
                return (glues, true);
            default: return (false, false);
        }
    }

    [GeneratedRegex("^[a-z']+$")] private static partial Regex WordRx();
}
