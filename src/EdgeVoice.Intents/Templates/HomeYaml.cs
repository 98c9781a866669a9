using YamlDotNet.RepresentationModel;

namespace EdgeVoice.Intents.Templates;

/// <summary>
/// A <see cref="TemplateHome"/> from Home Assistant's test YAML (<c>_fixtures.yaml</c> or a test file's own
/// <c>floors</c> / <c>areas</c> / <c>entities</c>); an entity's domain is its id's prefix or its <c>domain</c> key.
/// </summary>
public static class HomeYaml
{
    public static TemplateHome Read(YamlNode root)
    {
        var home = new TemplateHome();
        foreach (var f in Items(root, "floors"))
            home.Floors.Add(new TemplateHome.Floor(Text(f, "id") ?? Text(f, "name")!, Text(f, "name")!));
        foreach (var a in Items(root, "areas"))
            home.Areas.Add(new TemplateHome.Area(Text(a, "id") ?? Text(a, "name")!, Text(a, "name")!, Text(a, "floor")));
        foreach (var e in Items(root, "entities"))
        {
            var name = Text(e, "name") ?? throw new FormatException($"an entity without a name at {e.Start}");
            var id = Text(e, "id") ?? $"{Text(e, "domain")}.{name.ToLowerInvariant().Replace(' ', '_')}";
            var domain = Text(e, "domain") ?? id.Split('.')[0];
            var attrs = TemplateLoader.Get(e, "attributes");
            home.Entities.Add(new TemplateHome.Entity(id, name, domain, Text(e, "area"), attrs is null ? null : Text(attrs, "device_class")));
        }
        return home;
    }

    static IEnumerable<YamlNode> Items(YamlNode root, string key) =>
        TemplateLoader.Get(root, key) is YamlSequenceNode seq ? seq.Children : [];

    static string? Text(YamlNode node, string key) => TemplateLoader.Get(node, key) is YamlScalarNode s ? s.Value : null;
}
