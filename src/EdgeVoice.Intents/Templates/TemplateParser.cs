using System.Text;

namespace EdgeVoice.Intents.Templates;

/// <summary>
/// Reads hassil's template syntax: <c>(a|b)</c> alternatives, <c>[x]</c> optional parts, <c>(a;b)</c> permutations,
/// <c>{list}</c> / <c>{list:slot}</c> slot lists, <c>&lt;rule&gt;</c> expansion rules; <c>\</c> escapes a reserved character.
/// </summary>
public static class TemplateParser
{
    public static Node Parse(string template)
    {
        int i = 0;
        var node = ParseGroup(template, ref i, '\0');
        if (i < template.Length) throw Error(template, i, $"unexpected '{template[i]}'");
        return node;
    }

    /// <summary>Parses up to <paramref name="close"/> (not consumed); '|' separates options and ';' permuted items.</summary>
    static Node ParseGroup(string t, ref int i, char close)
    {
        var options = new List<Node>();
        var permuted = new List<Node>();
        var items = new List<Node>();
        var text = new StringBuilder();
        void FlushText()
        {
            if (text.Length == 0) return;
            items.Add(new TextNode(Normalize(text.ToString())));
            text.Clear();
        }
        Node EndSeq()
        {
            FlushText();
            var seq = items.Count == 1 ? items[0] : new SeqNode([.. items]);
            items.Clear();
            return seq;
        }
        while (i < t.Length)
        {
            char c = t[i];
            if (c == close && close != '\0') break;
            switch (c)
            {
                case '\\' when i + 1 < t.Length: text.Append(t[i + 1]); i += 2; continue;
                case '|': options.Add(EndSeq()); i++; continue;
                case ';' when close == ')': permuted.Add(EndSeq()); i++; continue;
                case '(' or '[':
                {
                    FlushText();
                    char end = c == '(' ? ')' : ']';
                    i++;
                    var inner = ParseGroup(t, ref i, end);
                    if (i >= t.Length || t[i] != end) throw Error(t, i, $"missing '{end}'");
                    i++;
                    items.Add(c == '(' ? inner : Optional(inner));
                    continue;
                }
                case '{' or '<':
                {
                    FlushText();
                    char end = c == '{' ? '}' : '>';
                    int stop = t.IndexOf(end, i + 1);
                    if (stop < 0) throw Error(t, i, $"missing '{end}'");
                    var name = t[(i + 1)..stop].Trim();
                    i = stop + 1;
                    items.Add(c == '<' ? new RuleNode(name) : ListRef(name));
                    continue;
                }
                case ')' or ']' or '}' or '>': throw Error(t, i, $"unexpected '{c}'");
                default: text.Append(c); i++; continue;
            }
        }
        var last = EndSeq();
        if (permuted.Count > 0)
        {
            permuted.Add(last);
            last = Permutations(permuted);
        }
        if (options.Count == 0) return last;
        options.Add(last);
        return new AltNode([.. options]);
    }

    static Node Optional(Node inner) => inner is AltNode alt
        ? new AltNode([.. alt.Options, Empty])
        : new AltNode([inner, Empty]);

    public static readonly Node Empty = new SeqNode([]);

    static ListNode ListRef(string spec)
    {
        var parts = spec.Split(':', 2);
        var list = parts[0].Trim().TrimStart('@');
        var slot = parts.Length > 1 ? parts[1].Trim().TrimStart('@') : list;
        return new ListNode(list, slot);
    }

    /// <summary>Every ordering of the items, separated by word boundaries.</summary>
    static Node Permutations(List<Node> items)
    {
        var orders = new List<Node>();
        void Build(List<Node> rest, List<Node> chosen)
        {
            if (rest.Count == 0)
            {
                var seq = new List<Node>();
                foreach (var n in chosen)
                {
                    if (seq.Count > 0) seq.Add(Space);
                    seq.Add(n);
                }
                orders.Add(new SeqNode([.. seq]));
                return;
            }
            for (int k = 0; k < rest.Count; k++)
            {
                var next = new List<Node>(rest);
                next.RemoveAt(k);
                Build(next, [.. chosen, rest[k]]);
            }
        }
        Build(items, []);
        return new AltNode([.. orders]);
    }

    static readonly Node Space = new TextNode(" ");

    /// <summary>Lower case, one space for any run of whitespace.</summary>
    public static string Normalize(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (char.IsWhiteSpace(ch)) { if (sb.Length == 0 || sb[^1] != ' ') sb.Append(' '); }
            else sb.Append(char.ToLowerInvariant(ch == '\u2019' ? '\'' : ch));
        }
        return sb.ToString();
    }

    static FormatException Error(string t, int at, string what) => new($"template \"{t}\" at {at}: {what}");
}
