using YamlDotNet.RepresentationModel;

namespace EdgeVoice.Intents.Templates;

/// <summary>One sentence of a Home Assistant test file with the intent, slots, satellite context and reply it expects.</summary>
/// <param name="FromSatellite">A slot-combination test: these name no satellite, so they are said from one in
/// <see cref="SatelliteArea"/>, and an area slot equal to it is what that satellite adds, not a wrong slot.</param>
public sealed record HaTestCase(string File, string Sentence, string Intent, IReadOnlyDictionary<string, YamlNode> Slots,
    IReadOnlyDictionary<string, string> Context, bool FromSatellite = false, string? Response = null)
{
    public const string SatelliteArea = "Living Room";
}

/// <summary>
/// Reads Home Assistant's intent test files: <c>tests: [{sentences, intent: {name, slots, context}}]</c>, or in a
/// per-intent folder <c>tests: [{sentences, slots}]</c> with the folder naming the intent. A file with its own
/// <c>entities</c> / <c>areas</c> is its own home; the others use <c>_fixtures.yaml</c>.
/// </summary>
public static class HaTestCases
{
    public sealed record TestFile(string Path, YamlNode Root, bool HasOwnHome);

    public static IEnumerable<TestFile> Files(string testsDir)
    {
        if (!Directory.Exists(testsDir)) throw new DirectoryNotFoundException($"Home Assistant test files not found: {testsDir}");
        foreach (var file in Directory.EnumerateFiles(testsDir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (System.IO.Path.GetFileName(file) == "_fixtures.yaml") continue;
            var root = TemplateLoader.ReadYaml(file);
            if (root is null) continue;
            yield return new TestFile(file, root, TemplateLoader.Get(root, "entities") is not null || TemplateLoader.Get(root, "areas") is not null);
        }
    }

    public static TemplateHome Fixtures(string testsDir) =>
        HomeYaml.Read(TemplateLoader.ReadYaml(System.IO.Path.Combine(testsDir, "_fixtures.yaml"))
            ?? throw new FormatException($"{testsDir}/_fixtures.yaml is empty"));

    public static IEnumerable<HaTestCase> Cases(TestFile file, string testsDir)
    {
        var dir = System.IO.Path.GetDirectoryName(file.Path)!;
        var folderIntent = System.IO.Path.GetFullPath(dir) == System.IO.Path.GetFullPath(testsDir) ? null : System.IO.Path.GetFileName(dir);
        if (TemplateLoader.Get(file.Root, "tests") is not YamlSequenceNode tests) yield break;
        foreach (var test in tests.Children)
        {
            var intentNode = TemplateLoader.Get(test, "intent");
            var intent = intentNode is null
                ? folderIntent ?? throw new FormatException($"{file.Path}: a test without an intent")
                : TemplateLoader.Scalar(TemplateLoader.Get(intentNode, "name")!);
            var slots = (intentNode is null ? TemplateLoader.Get(test, "slots") : TemplateLoader.Get(intentNode, "slots")) is YamlMappingNode sm
                ? sm.Children.ToDictionary(kv => TemplateLoader.Scalar(kv.Key), kv => kv.Value) : [];
            var context = intentNode is not null && TemplateLoader.Get(intentNode, "context") is YamlMappingNode cm
                ? cm.Children.ToDictionary(kv => TemplateLoader.Scalar(kv.Key), kv => TemplateLoader.Scalar(kv.Value)) : [];
            bool fromSatellite = folderIntent is not null;
            var response = (TemplateLoader.Get(test, "response") as YamlScalarNode)?.Value;
            if (fromSatellite) context.TryAdd("area", HaTestCase.SatelliteArea);
            if (TemplateLoader.Get(test, "sentences") is YamlSequenceNode sentences)
                foreach (var s in sentences.Children)
                    yield return new HaTestCase(file.Path, TemplateLoader.Scalar(s), intent, slots, context, fromSatellite, response);
        }
    }
}
