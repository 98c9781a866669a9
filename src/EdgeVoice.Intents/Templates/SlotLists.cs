using System.Globalization;

namespace EdgeVoice.Intents.Templates;

/// <summary>What a slot list matched: the value for the intent, the words heard and the context it brings (domain, area).</summary>
public sealed record SlotValue(object Value, string Text, IReadOnlyDictionary<string, string>? Context = null)
{
    public bool IsWildcard { get; init; }
}

/// <summary>Receives one way a list can match at a position; returns true to stop trying others.</summary>
public delegate bool SlotFound(int end, SlotValue value);

/// <summary>A <c>{list}</c>: fixed values, a number range or a wildcard.</summary>
public abstract class SlotList
{
    /// <summary>Offers each way the list matches <paramref name="input"/> from <paramref name="pos"/>, most specific first.</summary>
    public abstract bool Match(string input, int pos, SlotFound found);
}

/// <summary>Fixed values; each value's text may itself be a template ("light[s]", "(closed|shut)"). Kept in a character trie.</summary>
public sealed class ValueList : SlotList
{
    sealed class TrieNode
    {
        public Dictionary<char, TrieNode>? Next;
        public List<SlotValue>? Values;
    }

    readonly TrieNode root = new();
    public int Count { get; private set; }

    public void Add(string template, object value, IReadOnlyDictionary<string, string>? context = null)
    {
        foreach (var text in Expand(TemplateParser.Parse(template)))
        {
            var key = Collapse(text);
            if (key.Length == 0) continue;
            var node = root;
            foreach (var c in key)
            {
                node.Next ??= [];
                if (!node.Next.TryGetValue(c, out var child)) node.Next[c] = child = new TrieNode();
                node = child;
            }
            (node.Values ??= []).Add(new SlotValue(value, key, context));
            Count++;
        }
    }

    public override bool Match(string input, int pos, SlotFound found)
    {
        Span<int> ends = stackalloc int[32];
        int n = 0;
        var nodes = new TrieNode[32];
        var node = root;
        for (int p = pos; p < input.Length && node.Next is not null && node.Next.TryGetValue(input[p], out node); p++)
        {
            if (node.Values is null || n == ends.Length) continue;
            ends[n] = p + 1;
            nodes[n++] = node;
        }
        for (int k = n - 1; k >= 0; k--)
            foreach (var v in nodes[k].Values!)
                if (found(ends[k], v)) return true;
        return false;
    }

    /// <summary>Every text a small template (no lists or rules) stands for.</summary>
    public static IEnumerable<string> Expand(Node node) => node switch
    {
        TextNode t => [t.Text],
        AltNode a => a.Options.SelectMany(Expand),
        SeqNode s => s.Items.Aggregate((IEnumerable<string>)[""], (acc, item) => acc.SelectMany(prefix => Expand(item).Select(x => prefix + x))),
        _ => throw new FormatException("a list value cannot contain lists or rules"),
    };

    static string Collapse(string s) => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A number range: digits ("21", "2.5") or words ("twenty one", "one hundred"); <c>multiplier</c> scales the value.</summary>
public sealed class RangeList(double from, double to, double multiplier = 1, bool fractions = false) : SlotList
{
    public override bool Match(string input, int pos, SlotFound found)
    {
        if (pos >= input.Length) return false;
        if (char.IsAsciiDigit(input[pos]) || input[pos] == '-')
        {
            int end = pos + 1;
            while (end < input.Length && (char.IsAsciiDigit(input[end]) || (input[end] == '.' && end + 1 < input.Length && char.IsAsciiDigit(input[end + 1])))) end++;
            return double.TryParse(input.AsSpan(pos, end - pos), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                && Offer(v, input, pos, end, found);
        }
        foreach (var (value, end) in SpokenNumbers.Read(input, pos))
            if (Offer(value, input, pos, end, found)) return true;
        return false;
    }

    bool Offer(double v, string input, int pos, int end, SlotFound found)
    {
        if (v < from || v > to) return false;
        if (v != Math.Floor(v) && !fractions && multiplier == 1) return false;
        var scaled = v * multiplier;
        object value = scaled == Math.Floor(scaled) && Math.Abs(scaled) < int.MaxValue ? (int)scaled : scaled;
        return found(end, new SlotValue(value, input[pos..end]));
    }
}

/// <summary>Any words: tried shortest first, whole words only.</summary>
public sealed class WildcardList : SlotList
{
    public override bool Match(string input, int pos, SlotFound found)
    {
        if (pos >= input.Length || input[pos] == ' ') return false;
        for (int end = pos + 1; end <= input.Length; end++)
        {
            if (end < input.Length && input[end] != ' ') continue;
            if (found(end, new SlotValue(input[pos..end], input[pos..end]) { IsWildcard = true })) return true;
        }
        return false;
    }
}
