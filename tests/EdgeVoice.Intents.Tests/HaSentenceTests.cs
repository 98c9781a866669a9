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
    public static readonly string TestsDir = Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "ha-intents-en", "tests"));

    [Fact]
    public void Home_assistant_test_sentences_give_their_intent_and_slots()
    {
        if (!Directory.Exists(TestsDir))
            throw new DirectoryNotFoundException($"{TestsDir} is missing: it comes with ../shared (Home Assistant's intents, ha-intents-en)");
        var set = TemplateLoader.LoadDirectory(TemplateLoader.DefaultDirectory);
        var fixtures = new TemplateMatcher(set, HaTestCases.Fixtures(TestsDir));
        int total = 0, passed = 0;
        var failures = new List<string>();
        foreach (var file in HaTestCases.Files(TestsDir))
        {
            var matcher = file.HasOwnHome ? new TemplateMatcher(set, HomeYaml.Read(file.Root)) : fixtures;
            var name = Path.GetRelativePath(TestsDir, file.Path);
            int filePassed = 0, fileTotal = 0;
            foreach (var c in HaTestCases.Cases(file, TestsDir))
            {
                fileTotal++;
                var problem = Problem(c, matcher.Match(c.Sentence, c.Context));
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

    /// <summary>Null when the match is right, else what differs.</summary>
    static string? Problem(HaTestCase c, TemplateMatch? got)
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
        var extra = got.Slots.Keys.Except(c.Slots.Keys)
            .Where(k => !(c.FromSatellite && k == "area" && Same(HaTestCase.SatelliteArea, got.Slots[k].Value))).ToList();
        return extra.Count == 0 ? null : $"unexpected slot(s) {string.Join(", ", extra)}; got {Actual()}";
    }

    static bool Same(string expected, object actual)
    {
        var a = actual is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : actual.ToString() ?? "";
        return string.Equals(expected.Trim(), a.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
