using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace EdgeVoice.Intents.Templates;

/// <summary>
/// Reads Home Assistant's sentence YAML: files with <c>intents: {Name: {data: [...]}}</c>, per-intent folders of
/// slot-combination files (<c>data:</c> with <c>inferred_domain</c> / <c>name_domains</c>, the folder naming the
/// intent) and <c>_common.yaml</c> (lists, expansion rules, skip words).
/// </summary>
public static class TemplateLoader
{
    /// <summary>The English templates shipped beside the binary (HaIntents/en, CC BY 4.0).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "HaIntents", "en", "sentences");

    public static TemplateSet LoadDirectory(string dir)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"sentence templates not found: {dir}");
        var set = new TemplateSet();
        foreach (var file in Directory.EnumerateFiles(dir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetFileName(Path.GetDirectoryName(file)!);
            var folderIntent = Path.GetFullPath(Path.GetDirectoryName(file)!) == Path.GetFullPath(dir) ? null : folder;
            LoadFile(set, file, folderIntent);
        }
        var intents = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dir))!, "intents.yaml");
        if (File.Exists(intents)) RequireSatelliteArea(set, ReadYaml(intents));
        return set;
    }

    /// <summary>
    /// A slot-combination file (HassTurnOff/domain_only.yaml) leaves its context to intents.yaml: where that says
    /// <c>context_area: true</c>, the satellite's area is required and becomes the area slot, as for
    /// <c>requires_context: {area: {slot: true}}</c>.
    /// </summary>
    static void RequireSatelliteArea(TemplateSet set, YamlNode? intents)
    {
        if (intents is not YamlMappingNode map) return;
        foreach (var data in set.Data)
        {
            var combination = Path.GetFileNameWithoutExtension(data.Source);
            if (Path.GetFileName(Path.GetDirectoryName(data.Source)) != data.Intent) continue;
            var spec = map.Children.TryGetValue(new YamlScalarNode(data.Intent), out var i) && Get(i, "slot_combinations") is { } c ? Get(c, combination) : null;
            if (spec is not null && Get(spec, "context_area") is YamlScalarNode { Value: "true" or "True" })
                data.RequiresContext.Add(new ContextRule("area", null, ToSlot: true));
        }
    }

    public static void LoadFile(TemplateSet set, string file, string? folderIntent = null)
    {
        var root = ReadYaml(file);
        if (root is null) return;
        if (Get(root, "lists") is YamlMappingNode lists)
            foreach (var (k, v) in lists.Children) set.Lists[Key(k)] = ReadList(v, $"{file}: list {Key(k)}");
        if (Get(root, "expansion_rules") is YamlMappingNode rules)
            foreach (var (k, v) in rules.Children) set.Rules[Key(k)] = Scalar(v);
        if (Get(root, "skip_words") is YamlSequenceNode skip)
            set.SkipWords.AddRange(skip.Children.Select(Scalar));
        if (Get(root, "intents") is YamlMappingNode intents)
            foreach (var (name, body) in intents.Children)
                if (Get(body, "data") is YamlSequenceNode data)
                    foreach (var block in data.Children) set.Data.Add(ReadData(Key(name), block, file));
        if (folderIntent is not null && Get(root, "data") is YamlSequenceNode folderData)
            foreach (var block in folderData.Children) set.Data.Add(ReadData(folderIntent, block, file));
    }

    public static YamlNode? ReadYaml(string file)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(file))
        {
            try { stream.Load(reader); }
            catch (YamlDotNet.Core.YamlException e) { throw new FormatException($"{file}: {e.Message}", e); }
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    static IntentData ReadData(string intent, YamlNode block, string file)
    {
        var data = new IntentData
        {
            Intent = intent,
            Sentences = Get(block, "sentences") is YamlSequenceNode s ? [.. s.Children.Select(Scalar)] : [],
            Response = Get(block, "response") is YamlScalarNode r ? r.Value : null,
            Source = file,
        };
        if (Get(block, "slots") is YamlMappingNode slots)
            foreach (var (k, v) in slots.Children) data.Slots[Key(k)] = Value(v);
        if (Get(block, "inferred_domain") is YamlScalarNode inferred) data.Slots["domain"] = inferred.Value ?? "";
        if (Get(block, "name_domains") is YamlSequenceNode nameDomains)
            data.RequiresContext.Add(new ContextRule("domain", [.. nameDomains.Children.Select(Scalar)]));
        if (Get(block, "requires_context") is YamlMappingNode requires)
            foreach (var (k, v) in requires.Children) data.RequiresContext.Add(ReadContext(Key(k), v));
        if (Get(block, "excludes_context") is YamlMappingNode excludes)
            foreach (var (k, v) in excludes.Children) data.ExcludesContext.Add(ReadContext(Key(k), v));
        if (Get(block, "expansion_rules") is YamlMappingNode rules)
            foreach (var (k, v) in rules.Children) data.Rules[Key(k)] = Scalar(v);
        if (Get(block, "lists") is YamlMappingNode lists)
            foreach (var (k, v) in lists.Children) data.Lists[Key(k)] = ReadList(v, $"{file}: list {Key(k)}");
        return data;
    }

    static ContextRule ReadContext(string key, YamlNode v) => v switch
    {
        YamlSequenceNode seq => new ContextRule(key, [.. seq.Children.Select(Scalar)]),
        YamlMappingNode map => new ContextRule(key, null, Get(map, "slot") is YamlScalarNode { Value: "true" or "True" }),
        YamlScalarNode { Value: null or "" or "null" or "~" } => new ContextRule(key, null),
        _ => new ContextRule(key, [Scalar(v)]),
    };

    public static SlotList ReadList(YamlNode node, string where)
    {
        if (Get(node, "wildcard") is YamlScalarNode { Value: "true" or "True" }) return new WildcardList();
        if (Get(node, "range") is YamlMappingNode range)
        {
            double Num(string key, double dflt) => Get(range, key) is YamlScalarNode n
                ? double.Parse(n.Value!, CultureInfo.InvariantCulture) : dflt;
            var fractions = Get(range, "fractions") is YamlScalarNode f && f.Value is { Length: > 0 } fv && fv != "none";
            return new RangeList(Num("from", 0), Num("to", 100), Num("multiplier", 1), fractions);
        }
        if (Get(node, "values") is YamlSequenceNode values)
        {
            var list = new ValueList();
            foreach (var item in values.Children)
            {
                if (item is YamlScalarNode sv) { list.Add(sv.Value ?? "", sv.Value ?? ""); continue; }
                var text = Get(item, "in") is YamlScalarNode i ? i.Value ?? "" : throw new FormatException($"{where}: a value without 'in'");
                var output = Get(item, "out") is { } o ? Value(o) : text;
                Dictionary<string, string>? context = null;
                if (Get(item, "context") is YamlMappingNode ctx)
                    context = ctx.Children.ToDictionary(kv => Key(kv.Key), kv => Scalar(kv.Value));
                list.Add(text, output, context);
            }
            return list;
        }
        throw new FormatException($"{where}: expected values, range or wildcard");
    }

    public static YamlNode? Get(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    static string Key(YamlNode n) => Scalar(n);

    public static string Scalar(YamlNode n) => n is YamlScalarNode s ? s.Value ?? "" : throw new FormatException($"expected text at {n.Start}");

    /// <summary>A plain (unquoted) number stays a number; everything else is text.</summary>
    public static object Value(YamlNode n)
    {
        var s = Scalar(n);
        if (n is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain })
        {
            if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        }
        return s;
    }
}
