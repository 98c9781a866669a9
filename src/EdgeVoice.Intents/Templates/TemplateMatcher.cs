using System.Text;

namespace EdgeVoice.Intents.Templates;

/// <summary>An intent recognised from a sentence template: its name, slots and the response key of its data block.</summary>
public sealed record TemplateMatch(string Intent, IReadOnlyDictionary<string, SlotValue> Slots, string? Response, IntentData Data);

/// <summary>
/// The templates compiled against one home: rules inlined, lists bound (entity names, areas and floors in character
/// tries), and each sentence indexed by the literal text it cannot match without, so a sentence is tried only when
/// all of that text is in the utterance. Matching walks the compiled tree with backtracking; nothing is expanded.
/// </summary>
public sealed class TemplateMatcher
{
    sealed record Compiled(IntentData Data, Node Body, string[] Required);

    readonly List<Compiled> sentences = [];
    readonly string[] skipWords;

    public int SentenceCount => sentences.Count;

    /// <summary>Sentences left out because they refer to a rule or list this template set does not define.</summary>
    public IReadOnlyList<string> Skipped => skipped;
    readonly List<string> skipped = [];

    public TemplateMatcher(TemplateSet set, TemplateHome home)
    {
        skipWords = [.. set.SkipWords.Select(w => TemplateParser.Normalize(w).Trim()).Where(w => w.Length > 0).OrderByDescending(w => w.Length)];
        var homeLists = HomeLists(home);
        var sharedRules = new Dictionary<string, Node>();
        foreach (var data in set.Data)
        {
            // A block's own rules may change what a shared rule means (<class> inside <what_is_the_class_of_name>).
            var cache = data.Rules.Count == 0 ? sharedRules : [];
            Node? Rule(string name, HashSet<string> active)
            {
                if (cache.TryGetValue(name, out var done)) return done;
                var text = data.Rules.GetValueOrDefault(name) ?? set.Rules.GetValueOrDefault(name);
                if (text is null) return null;
                if (!active.Add(name)) throw new FormatException($"{data.Source}: rule <{name}> refers to itself");
                var body = Bind(TemplateParser.Parse(text), Rule, active, data, set, homeLists);
                active.Remove(name);
                return cache[name] = body;
            }
            foreach (var sentence in data.Sentences)
            {
                Node body;
                try { body = Bind(TemplateParser.Parse(sentence), Rule, [], data, set, homeLists); }
                catch (UndefinedReferenceException e)
                {
                    skipped.Add($"{Path.GetFileName(data.Source)} ({data.Intent}): \"{sentence}\": {e.Message}");
                    continue;
                }
                catch (FormatException e) { throw new FormatException($"{data.Source}: {e.Message}", e); }
                sentences.Add(new Compiled(data, body, [.. Required(body).Distinct()]));
            }
        }
    }

    static Dictionary<string, SlotList> HomeLists(TemplateHome home)
    {
        var names = new ValueList();
        foreach (var e in home.Entities)
        {
            var ctx = new Dictionary<string, string> { ["domain"] = e.Domain };
            if (e.DeviceClass is not null) ctx["device_class"] = e.DeviceClass;
            names.Add(e.Name, Plain(e.Name), ctx);
        }
        var areas = new ValueList();
        foreach (var a in home.Areas) areas.Add(a.Name, Plain(a.Name));
        var floors = new ValueList();
        foreach (var f in home.Floors) floors.Add(f.Name, Plain(f.Name));
        return new() { ["name"] = names, ["area"] = areas, ["floor"] = floors };
    }

    /// <summary>A name as said, for the slot value: its first reading when it is itself a template.</summary>
    static string Plain(string name) => name.IndexOfAny(['[', '(', '<', '{']) < 0 ? name
        : string.Join(' ', name.Replace("[", "").Replace("]", "").Split(' ', StringSplitOptions.RemoveEmptyEntries));

    static Node Bind(Node n, Func<string, HashSet<string>, Node?> rule, HashSet<string> active, IntentData data, TemplateSet set,
        Dictionary<string, SlotList> homeLists) => n switch
    {
        RuleNode r => rule(r.Name, active) ?? throw new UndefinedReferenceException($"unknown rule <{r.Name}>"),
        ListNode l => new ListNode(l.ListName, l.Slot)
        {
            List = data.Lists.GetValueOrDefault(l.ListName) ?? set.Lists.GetValueOrDefault(l.ListName) ?? homeLists.GetValueOrDefault(l.ListName)
                ?? throw new UndefinedReferenceException($"unknown list {{{l.ListName}}}"),
        },
        SeqNode s => new SeqNode([.. s.Items.Select(i => Bind(i, rule, active, data, set, homeLists))]),
        AltNode a => new AltNode([.. a.Options.Select(o => Bind(o, rule, active, data, set, homeLists))]),
        _ => n,
    };

    /// <summary>Literal text every match of the node contains.</summary>
    static IEnumerable<string> Required(Node n) => n switch
    {
        TextNode t when t.Text.Trim().Length > 1 => [t.Text.Trim()],
        SeqNode s => s.Items.SelectMany(Required),
        AltNode a => a.Options.Select(o => Required(o).ToHashSet()).Aggregate((x, y) => { x.IntersectWith(y); return x; }),
        _ => [],
    };

    /// <summary>Text as it is matched: lower case, punctuation as spaces (kept: ' % ° - / and decimal points), single spaces.</summary>
    public static string NormalizeInput(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = char.ToLowerInvariant(text[i] == '\u2019' ? '\'' : text[i]);
            bool keep = char.IsLetterOrDigit(c) || c is '\'' or '%' or '°' or '-' or '/'
                || (c == '.' && i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]));
            if (!keep) c = ' ';
            if (c == ' ' && (sb.Length == 0 || sb[^1] == ' ')) continue;
            sb.Append(c);
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>The best match for <paramref name="text"/>, or null. <paramref name="context"/> holds what the
    /// satellite knows about itself, e.g. <c>area</c> = its own area's name (for "in here").</summary>
    public TemplateMatch? Match(string text, IReadOnlyDictionary<string, string>? context = null)
    {
        var input = NormalizeInput(text);
        var stripped = RemoveSkipWords(input);
        return Best(stripped, context) ?? (stripped != input ? Best(input, context) : null);
    }

    string RemoveSkipWords(string input)
    {
        var padded = " " + input + " ";
        foreach (var w in skipWords) padded = padded.Replace(" " + w + " ", " ");
        return padded.Trim();
    }

    TemplateMatch? Best(string input, IReadOnlyDictionary<string, string>? context)
    {
        if (input.Length == 0) return null;
        Candidate? best = null;
        foreach (var s in sentences)
        {
            if (!s.Required.All(input.Contains)) continue;
            var found = new SentenceRun(input, s.Data, context).Run(s.Body);
            if (found is not null && (best is null || found.IsBetterThan(best))) best = found;
        }
        return best?.ToMatch();
    }

    sealed record Capture(string Slot, SlotValue Value, Capture? Previous);

    sealed record Candidate(IntentData Data, Dictionary<string, SlotValue> Slots, int Weight, int Wildcards)
    {
        /// <summary>Fewer wildcards, then more literal text, then more slots (the more specific block: one that also
        /// names the domain or copies the satellite's area).</summary>
        public bool IsBetterThan(Candidate other) =>
            Wildcards != other.Wildcards ? Wildcards < other.Wildcards
            : Weight != other.Weight ? Weight > other.Weight
            : Slots.Count > other.Slots.Count;

        public TemplateMatch ToMatch() => new(Data.Intent, Slots, Data.Response, Data);
    }

    /// <summary>One sentence against one input; continuations carry the position, the captures and the literal weight.</summary>
    sealed class SentenceRun(string input, IntentData data, IReadOnlyDictionary<string, string>? context)
    {
        delegate bool Next(int pos, Capture? caps, int weight);
        Candidate? result;

        public Candidate? Run(Node body)
        {
            Match(body, 0, null, 0, Accept);
            return result;
        }

        bool Match(Node n, int pos, Capture? caps, int weight, Next next)
        {
            switch (n)
            {
                case TextNode t:
                    int end = MatchText(t.Text, pos);
                    return end >= 0 && next(end, caps, weight + t.Weight);
                case SeqNode s:
                    return Seq(s.Items, 0, pos, caps, weight, next);
                case AltNode a:
                    foreach (var o in a.Options)
                        if (Match(o, pos, caps, weight, next)) return true;
                    return false;
                case ListNode l:
                    return l.List!.Match(input, pos, (e, v) =>
                        next(e, new Capture(l.Slot, v, caps), v.IsWildcard ? weight : weight + (e - pos)));
                default:
                    throw new InvalidOperationException($"unbound template node {n.GetType().Name}");
            }
        }

        bool Seq(Node[] items, int i, int pos, Capture? caps, int weight, Next next) =>
            i == items.Length ? next(pos, caps, weight)
            : Match(items[i], pos, caps, weight, (p, c, w) => Seq(items, i + 1, p, c, w, next));

        /// <summary>Literal text from <paramref name="pos"/>; a space in the template matches a space or a word edge.</summary>
        int MatchText(string text, int pos)
        {
            foreach (var c in text)
            {
                if (c == ' ')
                {
                    if (pos < input.Length && input[pos] == ' ') pos++;
                    else if (!(pos == 0 || pos == input.Length || input[pos - 1] == ' ')) return -1;
                }
                else if (pos < input.Length && input[pos] == c) pos++;
                else return -1;
            }
            return pos;
        }

        bool Accept(int pos, Capture? caps, int weight)
        {
            if (pos < input.Length && !(input[pos] == ' ' && pos + 1 == input.Length)) return false;
            var ctx = new Dictionary<string, string>(StringComparer.Ordinal);
            if (context is not null) foreach (var (k, v) in context) ctx[k] = v;
            var slots = new Dictionary<string, SlotValue>(StringComparer.Ordinal);
            int wildcards = 0;
            for (var c = caps; c is not null; c = c.Previous)
            {
                slots.TryAdd(c.Slot, c.Value);
                if (c.Value.IsWildcard) wildcards++;
                if (c.Value.Context is not null) foreach (var (k, v) in c.Value.Context) ctx.TryAdd(k, v);
            }
            foreach (var rule in data.RequiresContext)
            {
                if (!ctx.TryGetValue(rule.Key, out var v)) return false;
                if (rule.Values is not null && !rule.Values.Contains(v, StringComparer.OrdinalIgnoreCase)) return false;
                if (rule.ToSlot) slots.TryAdd(rule.Key, new SlotValue(v, v));
            }
            foreach (var rule in data.ExcludesContext)
                if (ctx.TryGetValue(rule.Key, out var v) && (rule.Values is null || rule.Values.Contains(v, StringComparer.OrdinalIgnoreCase)))
                    return false;
            foreach (var (k, v) in data.Slots) slots.TryAdd(k, new SlotValue(v, v.ToString() ?? ""));
            result = new Candidate(data, slots, weight, wildcards);
            return true;
        }
    }
}

/// <summary>A template names a rule or list that is not defined.</summary>
public sealed class UndefinedReferenceException(string message) : FormatException(message);
