using System.Globalization;
using EdgeVoice.Intents.Templates;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace EdgeVoice.Intents.Tests;

/// <summary>
/// Home Assistant's own English test files (../shared/ha-intents-en/tests): each sentence must give the file's intent
/// and exactly its slots, with <c>_fixtures.yaml</c> (or the file's own entities and areas) as the home.
/// </summary>
public sealed class HaSentenceTests(ITestOutputHelper output)
{
    static readonly string TestsDir = Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "ha-intents-en", "tests"));
    static readonly Lazy<TemplateSet> Set = new(() => TemplateLoader.LoadDirectory(TemplateLoader.DefaultDirectory));

    public sealed record Case(string File, string Sentence, string Intent, Dictionary<string, YamlNode> Slots, Dictionary<string, string> Context);

    [Fact]
    public void Home_assistant_test_sentences_give_their_intent_and_slots()
    {
        if (!Directory.Exists(TestsDir))
            throw new DirectoryNotFoundException($"{TestsDir} is missing: it comes with ../shared (Home Assistant's intents, ha-intents-en)");
        var fixtures = new TemplateMatcher(Set.Value, HomeYaml.Read(TemplateLoader.ReadYaml(Path.Combine(TestsDir, "_fixtures.yaml"))!));
        int total = 0, passed = 0;
        var failures = new List<string>();
        foreach (var file in Directory.EnumerateFiles(TestsDir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == "_fixtures.yaml") continue;
            var root = TemplateLoader.ReadYaml(file)!;
            var ownHome = TemplateLoader.Get(root, "entities") is not null || TemplateLoader.Get(root, "areas") is not null;
            var matcher = ownHome ? new TemplateMatcher(Set.Value, HomeYaml.Read(root)) : fixtures;
            var name = Path.GetRelativePath(TestsDir, file);
            int filePassed = 0, fileTotal = 0;
            foreach (var c in Cases(file, root))
            {
                fileTotal++;
                var got = matcher.Match(c.Sentence, c.Context);
                var problem = Problem(c, got);
                if (problem is null) filePassed++;
                else failures.Add($"{name}: \"{c.Sentence}\": {problem}");
            }
            total += fileTotal;
            passed += filePassed;
            output.WriteLine($"{name,-55} {filePassed,4}/{fileTotal,-4} {100.0 * filePassed / Math.Max(1, fileTotal),6:F1} %");
        }
        output.WriteLine($"{"overall",-55} {passed,4}/{total,-4} {100.0 * passed / Math.Max(1, total),6:F1} %");
        foreach (var f in failures) output.WriteLine("FAIL " + f);
        Assert.True(total > 500, $"only {total} test sentences were read from {TestsDir}");
        Assert.True(passed >= 0.95 * total, $"{passed}/{total} passed (< 95 %); first failures:\n" + string.Join("\n", failures.Take(20)));
    }

    static IEnumerable<Case> Cases(string file, YamlNode root)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(file)!);
        var folderIntent = Path.GetFullPath(Path.GetDirectoryName(file)!) == TestsDir ? null : folder;
        if (TemplateLoader.Get(root, "tests") is not YamlSequenceNode tests) yield break;
        foreach (var test in tests.Children)
        {
            var intentNode = TemplateLoader.Get(test, "intent");
            var intent = intentNode is null ? folderIntent! : TemplateLoader.Scalar(TemplateLoader.Get(intentNode, "name")!);
            var slotsNode = intentNode is null ? TemplateLoader.Get(test, "slots") : TemplateLoader.Get(intentNode, "slots");
            var slots = slotsNode is YamlMappingNode sm ? sm.Children.ToDictionary(kv => TemplateLoader.Scalar(kv.Key), kv => kv.Value) : [];
            var context = intentNode is not null && TemplateLoader.Get(intentNode, "context") is YamlMappingNode cm
                ? cm.Children.ToDictionary(kv => TemplateLoader.Scalar(kv.Key), kv => TemplateLoader.Scalar(kv.Value)) : [];
            if (TemplateLoader.Get(test, "sentences") is YamlSequenceNode sentences)
                foreach (var s in sentences.Children) yield return new Case(file, TemplateLoader.Scalar(s), intent, slots, context);
        }
    }

    /// <summary>Null when the match is right, else what differs.</summary>
    static string? Problem(Case c, TemplateMatch? got)
    {
        if (got is null) return $"no match (expected {c.Intent})";
        string Actual() => $"{got.Intent} {{{string.Join(", ", got.Slots.Select(kv => $"{kv.Key}={kv.Value.Value}"))}}} from {Path.GetFileName(got.Data.Source)}";
        if (got.Intent != c.Intent) return $"got {Actual()}, expected {c.Intent}";
        foreach (var (slot, expected) in c.Slots)
        {
            if (!got.Slots.TryGetValue(slot, out var value)) return $"slot {slot} missing; got {Actual()}";
            var allowed = expected is YamlSequenceNode seq ? seq.Children.Select(TemplateLoader.Scalar) : [TemplateLoader.Scalar(expected)];
            if (!allowed.Any(a => Same(a, value.Value))) return $"slot {slot}: expected {string.Join(" or ", allowed)}; got {Actual()}";
        }
        var extra = got.Slots.Keys.Except(c.Slots.Keys).ToList();
        return extra.Count == 0 ? null : $"unexpected slot(s) {string.Join(", ", extra)}; got {Actual()}";
    }

    static bool Same(string expected, object actual)
    {
        var a = actual is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : actual.ToString() ?? "";
        return string.Equals(expected.Trim(), a.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
