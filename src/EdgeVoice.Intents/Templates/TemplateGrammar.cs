using EdgeVoice.Core;

namespace EdgeVoice.Intents.Templates;

/// <summary>
/// Home Assistant's sentence templates written as the grammar recogniser's JSGF for the configured devices: only the
/// data blocks some device can carry out (names, areas and domains as <see cref="TemplateIntents"/> resolves them), so
/// whatever the recogniser can hear the template tier turns into an intent. Sentences with wildcards are left out.
/// </summary>
/// <param name="noDeviceIntents">Intents the engine carries out without a device; their sentences are kept too.</param>
/// <param name="onlyIntents">Only the data blocks of these intents (<see cref="Only"/>); null: every intent.</param>
public sealed class TemplateGrammar(Func<TemplateSet> load, string? satelliteArea, IReadOnlyCollection<string>? noDeviceIntents = null,
    IReadOnlyCollection<string>? onlyIntents = null) : ISentenceGrammar
{
    readonly Lazy<TemplateSet> set = new(load);
    readonly string? satellite = string.IsNullOrWhiteSpace(satelliteArea) ? null : satelliteArea;

    /// <summary>
    /// The same templates limited to <paramref name="intents"/> (the on-device sentences: the whole set as a grammar
    /// hears commands worse), sharing this grammar's loaded set.
    /// </summary>
    public TemplateGrammar Only(IReadOnlyCollection<string> intents) => new(() => set.Value, satelliteArea, noDeviceIntents, intents);

    /// <summary>
    /// What Speech:GrammarSource ondevice says besides the command sentences: <see cref="IntentEngine.OnDeviceIntents"/> but those the
    /// command sentences say in their commonest forms (<see cref="SentenceTemplate.OnDevice"/>: time, date, timers; the templates'
    /// every form lowered every margin, Speech EXPERIMENTS sessions 16 and 18), and adding to or taking from a timer, whose "add one
    /// second to timer for …" took Piper's "set a timer for 1 hour and 1 minute" (session 14). The template tier still
    /// understands all of them from text.
    /// </summary>
    public TemplateGrammar OnDevice() => Only([.. IntentEngine.OnDeviceIntents.Except([
        .. CommandSentences.Templates.Where(t => t.OnDevice).Select(t => t.Intent), IntentNames.IncreaseTimer, IntentNames.DecreaseTimer])]);

    /// <summary>The devices a data block can name, and what its sentences must capture to reach one.</summary>
    sealed record Scope(List<DeviceOptions> Named, List<DeviceOptions> Candidates, bool NameNeeded, bool CaptureNeeded);

    public SentenceRules Build(IReadOnlyList<DeviceOptions> devices, Func<string, bool> sayable)
    {
        var rules = new List<string>();
        var sentences = new List<string>();
        var skipped = new List<string>();
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var parsed = new Dictionary<string, Node>(StringComparer.Ordinal);
        string Define(string body)
        {
            if (!defined.TryGetValue(body, out var name))
            {
                defined[body] = name = $"hl{defined.Count}";
                rules.Add($"<{name}> = {body};");
            }
            return $"<{name}>";
        }
        foreach (var data in set.Value.Data)
        {
            if (onlyIntents?.Contains(data.Intent) == false) continue;
            if (ScopeOf(data, devices, [], out var reason) is null)
            {
                if (reason is not null) skipped.Add($"{Where(data)}: {reason}");
                continue;
            }
            foreach (var sentence in data.Sentences)
            {
                var why = new SortedSet<string>(StringComparer.Ordinal);
                var unsayable = new SortedSet<string>(StringComparer.Ordinal);
                bool any = false;
                try
                {
                    foreach (var (body, scope) in Variants(Inline(TemplateParser.Parse(sentence), data, parsed, []), data, devices, []))
                    {
                        var writer = Writer(data, scope, why, Define, sayable);
                        var needed = scope.NameNeeded ? RequireCapture(body, l => l.ListName == "name")
                            : scope.CaptureNeeded ? RequireCapture(body, l => l.ListName is "name" or "area") : body;
                        var expr = needed is null ? null : writer.Write(needed);
                        unsayable.UnionWith(writer.Unsayable);
                        if (expr is null || expr.Length == 0) continue;
                        any = true;
                        if (!written.Add(expr)) continue;
                        var name = $"h{sentences.Count}";
                        rules.Add($"<{name}> = {expr};");
                        sentences.Add(name);
                    }
                }
                catch (Exception e) when (e is NotGrammarException or UndefinedReferenceException) { why.Add(e.Message); }
                if (!any && (why.Count > 0 || unsayable.Count > 0))
                    skipped.Add($"{Where(data)}: \"{sentence}\": {string.Join("; ", why.Concat(unsayable.Select(w => $"'{w}' not sayable")))}");
            }
        }
        return new SentenceRules(rules, sentences, skipped);
    }

    /// <summary>A writer whose lists are this block's: names and areas of the devices in scope, ranges as number words.</summary>
    JsgfWriter Writer(IntentData data, Scope scope, ISet<string> why, Func<string, string> define, Func<string, bool> sayable)
    {
        IEnumerable<string> Texts(ListNode l) => List(data, l) switch
        {
            WildcardList => Note(why, $"wildcard {{{l.ListName}}}"),
            null when l.ListName == "name" => scope.Named.SelectMany(d => d.SpokenNames()).Select(Said),
            null when l.ListName == "area" => scope.Candidates.Select(d => d.Area).Where(a => a.Length > 0).Select(Said),
            null when l.ListName == "floor" => [],
            null => throw new UndefinedReferenceException($"unknown list {{{l.ListName}}}"),
            ValueList v => v.Values().Select(x => x.Text),
            RangeList r => Numbers(r, l.Slot).Select(NumberWords),
            _ => [],
        };
        JsgfWriter? writer = null;
        writer = new JsgfWriter(
            l => (List(data, l) is RangeList r ? NumberRule(Numbers(r, l.Slot)) : writer!.Write(new AltNode([.. Texts(l).Distinct().Select(t => (Node)new TextNode(t))])))
                is { Length: > 0 } body ? define(body) : null,
            Texts, sayable);
        return writer;
    }

    static IEnumerable<string> Note(ISet<string> why, string reason)
    {
        why.Add(reason);
        return [];
    }

    SlotList? List(IntentData data, ListNode l) => data.Lists.GetValueOrDefault(l.ListName) ?? set.Value.Lists.GetValueOrDefault(l.ListName);

    /// <summary>
    /// A sentence once per value of a list that names a domain or device class ("are any {cover_classes} open in
    /// {area}"), each with the areas and devices that value reaches, so no area is said with a class it does not have.
    /// </summary>
    IEnumerable<(Node Body, Scope Scope)> Variants(Node body, IntentData data, IReadOnlyList<DeviceOptions> devices, Dictionary<string, string> fixedSlots)
    {
        var list = Lists(body).FirstOrDefault(l => l.Slot is "domain" or "device_class" && List(data, l) is ValueList);
        if (list is null)
        {
            if (ScopeOf(data, devices, fixedSlots, out _) is { } scope) yield return (body, scope);
            yield break;
        }
        foreach (var value in ((ValueList)List(data, list)!).Values().GroupBy(v => v.Value.ToString() ?? ""))
        {
            var said = new AltNode([.. value.Select(v => (Node)new TextNode(v.Text))]);
            foreach (var v in Variants(Replace(body, list, said), data, devices, new(fixedSlots) { [list.Slot] = value.Key }))
                yield return v;
        }
    }

    static IEnumerable<ListNode> Lists(Node n) => n switch
    {
        ListNode l => [l],
        SeqNode s => s.Items.SelectMany(Lists),
        AltNode a => a.Options.SelectMany(Lists),
        _ => [],
    };

    static Node Replace(Node n, Node target, Node with) => ReferenceEquals(n, target) ? with : n switch
    {
        SeqNode s => new SeqNode([.. s.Items.Select(i => Replace(i, target, with))]),
        AltNode a => new AltNode([.. a.Options.Select(o => Replace(o, target, with))]),
        _ => n,
    };

    static string Where(IntentData data) => $"{Path.GetFileName(data.Source)} ({data.Intent})";

    /// <summary>Null when no configured device can take the block's intent, or it needs context this satellite lacks (then why).</summary>
    /// <param name="fixedSlots">Slots a variant of a sentence fixes (its domain or device class), over the block's own.</param>
    Scope? ScopeOf(IntentData data, IReadOnlyList<DeviceOptions> devices, Dictionary<string, string> fixedSlots, out string? reason)
    {
        reason = null;
        var allowed = devices.Where(d => d.Allows(data.Intent)).ToList();
        bool noDevice = noDeviceIntents?.Contains(data.Intent) == true;
        if (allowed.Count == 0 && !noDevice) return null;
        string[]? domains = null;
        bool nameNeeded = false, areaFromContext = false;
        foreach (var rule in data.RequiresContext)
        {
            switch (rule.Key)
            {
                // The domain reaches the context only with a captured entity name.
                case "domain": nameNeeded = true; domains = rule.Values; break;
                case "area" when satellite is null: reason = "needs the satellite's area (Intents:SatelliteArea)"; return null;
                case "area": areaFromContext = rule.ToSlot; break;
                default: reason = $"requires context {rule.Key}, which configured devices do not have"; return null;
            }
        }
        var excluded = data.ExcludesContext.Where(r => r.Key == "domain").SelectMany(r => r.Values ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (satellite is not null && data.ExcludesContext.Any(r => r.Key == "area")) return null;
        string? Fixed(string slot) => fixedSlots.GetValueOrDefault(slot) ?? data.Slots.GetValueOrDefault(slot)?.ToString();
        var domainSlot = Fixed("domain");
        var named = allowed.Where(d => (domains is null || domains.Contains(d.Type, StringComparer.OrdinalIgnoreCase)) && !excluded.Contains(d.Type)).ToList();
        // Fixed slots narrow what a sentence without a name reaches: a device class must be in a name, a fixed name
        // ("all" in some of Home Assistant's blocks) must be a device's.
        var fixedName = Fixed("name");
        var fixedClass = Fixed("device_class");
        var candidates = allowed.Where(d => (domainSlot is null || Same(d.Type, domainSlot))
            && (fixedName is null || d.SpokenNames().Any(n => Same(n, fixedName))) && (fixedClass is null || HasClass([d], fixedClass))).ToList();
        // Said with no name or area: the satellite's area (context, or nothing named at all), else the domain everywhere.
        var area = areaFromContext || domainSlot is null ? satellite : null;
        bool fallback = noDevice || (area is not null || domainSlot is not null) && candidates.Any(d => area is null || Same(d.Area, area));
        return new Scope(named, candidates, nameNeeded && !noDevice, !fallback);
    }

    /// <summary>The paths of <paramref name="n"/> that capture at least one list <paramref name="counts"/> accepts; null: none do.</summary>
    static Node? RequireCapture(Node n, Func<ListNode, bool> counts)
    {
        switch (n)
        {
            case ListNode l: return counts(l) ? l : null;
            case AltNode a:
                var options = a.Options.Select(o => RequireCapture(o, counts)).OfType<Node>().ToArray();
                return options.Length == 0 ? null : new AltNode(options);
            case SeqNode s:
                var ways = new List<Node>();
                for (int k = 0; k < s.Items.Length; k++)
                    if (RequireCapture(s.Items[k], counts) is { } must)
                        ways.Add(new SeqNode([.. s.Items[..k], must, .. s.Items[(k + 1)..]]));
                return ways.Count == 0 ? null : ways.Count == 1 ? ways[0] : new AltNode([.. ways]);
            default: return null;
        }
    }

    /// <summary>Rules replaced by their bodies (a block's own rules before the shared ones).</summary>
    Node Inline(Node n, IntentData data, Dictionary<string, Node> parsed, HashSet<string> active)
    {
        switch (n)
        {
            case RuleNode r:
                var text = data.Rules.GetValueOrDefault(r.Name) ?? set.Value.Rules.GetValueOrDefault(r.Name)
                    ?? throw new UndefinedReferenceException($"unknown rule <{r.Name}>");
                if (!parsed.TryGetValue(text, out var body)) parsed[text] = body = TemplateParser.Parse(text);
                if (!active.Add(r.Name)) throw new FormatException($"{data.Source}: rule <{r.Name}> refers to itself");
                var inlined = Inline(body, data, parsed, active);
                active.Remove(r.Name);
                return inlined;
            case SeqNode s: return new SeqNode([.. s.Items.Select(i => Inline(i, data, parsed, active))]);
            case AltNode a: return new AltNode([.. a.Options.Select(o => Inline(o, data, parsed, active))]);
            default: return n;
        }
    }

    /// <summary>A device class is kept when a device that could be meant has it in a name ("garage door" for garage).</summary>
    static bool HasClass(List<DeviceOptions> candidates, string? deviceClass) =>
        candidates.Any(d => d.SpokenNames().Any(n => n.Contains(deviceClass ?? "", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A configured name as the recogniser says it (lower case, as the matcher reads it).</summary>
    static string Said(string name) => TemplateParser.Normalize(name).Trim();

    static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The whole numbers of a range that the intent stage lets through (thermostats: <see cref="SlotLimits"/>), up to 100.</summary>
    static IEnumerable<int> Numbers(RangeList r, string slot)
    {
        double from = r.From, to = Math.Min(r.To, 100);
        if (slot == "temperature") (from, to) = (Math.Max(from, SlotLimits.MinTemperature), Math.Min(to, SlotLimits.MaxTemperature));
        for (int n = (int)Math.Ceiling(from); n <= to; n++) yield return n;
    }

    static readonly string[] Ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>A number as said: 21 → "twenty one", 100 → "one hundred" (0..100).</summary>
    public static string NumberWords(int n) =>
        n == 100 ? "one hundred" : n < 20 ? Ones[n] : n % 10 == 0 ? Tens[n / 10] : $"{Tens[n / 10]} {Ones[n % 10]}";

    /// <summary>Numbers as one JSGF body, a whole decade as "twenty [one | ... | nine]".</summary>
    static string NumberRule(IEnumerable<int> numbers)
    {
        var set = numbers.ToHashSet();
        var parts = new List<string>();
        string units = "(" + string.Join(" | ", Ones[1..10]) + ")";
        foreach (var n in set.Where(n => n < 20 || n == 100).Order()) parts.Add(NumberWords(n));
        for (int t = 2; t <= 9; t++)
        {
            var decade = Enumerable.Range(t * 10, 10).Where(set.Contains).ToList();
            if (decade.Count == 10) parts.Add($"{Tens[t]} [{units[1..^1]}]");
            else parts.AddRange(decade.Select(NumberWords));
        }
        return parts.Count == 0 ? "" : "(" + string.Join(" | ", parts) + ")";
    }
}
