using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeVoice.Core;

namespace EdgeVoice.Mqtt;

public sealed class PayloadTemplateException(string message) : Exception(message);

/// <summary>
/// Fills {slot} placeholders in a configured payload. Known numeric slots, and one text slot: a to-do item, written as
/// a JSON string (quotes included, escaped, cleaned and bounded by <see cref="SlotLimits.ListItem"/>), so it can only
/// ever be that string's value in the payload of the device's own topic.
/// </summary>
public static partial class PayloadTemplate
{
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string> { "brightness", "temperature", "position", "duration", "item", "color" };

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Slot();

    public static string Fill(string template, IReadOnlyDictionary<string, object> slots, string where)
    {
        var sb = new StringBuilder();
        int last = 0;
        foreach (Match m in Slot().Matches(template))
        {
            var name = m.Groups[1].Value;
            if (!Placeholders.Contains(name))
                throw new PayloadTemplateException($"{where}: unknown placeholder {{{name}}} (allowed: {string.Join(", ", Placeholders)})");
            if (!slots.TryGetValue(name, out var v))
                throw new PayloadTemplateException($"{where}: slot '{name}' is missing");
            sb.Append(template, last, m.Index - last).Append(name switch { "item" => Text(v, name, where), "color" => Color(v, name, where), _ => Number(v, name, where) });
            last = m.Index + m.Length;
        }
        return sb.Append(template, last, template.Length - last).ToString();
    }

    static string Text(object v, string name, string where) =>
        v is string s && SlotLimits.ListItem(s) is { } item ? JsonSerializer.Serialize(item)
        : throw new PayloadTemplateException($"{where}: slot '{name}' must be text of 1 to {SlotLimits.MaxItemChars} characters");

    /// <summary>A colour goes out only as one of Home Assistant's colour names, bare (the template has the quotes).</summary>
    static string Color(object v, string name, string where) =>
        Convert.ToString(v, CultureInfo.InvariantCulture) is { } c && CommandSentences.Colors.Contains(c) ? c
        : throw new PayloadTemplateException($"{where}: slot '{name}' must be one of {string.Join(", ", CommandSentences.Colors)}");

    static string Number(object v, string name, string where) => v switch
    {
        int or long or short or byte => Convert.ToString(v, CultureInfo.InvariantCulture)!,
        double d when double.IsFinite(d) => d.ToString("0.###", CultureInfo.InvariantCulture),
        float f when float.IsFinite(f) => ((double)f).ToString("0.###", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.###", CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.Number } j => Number(j.GetDouble(), name, where),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => Number(d, name, where),
        _ => throw new PayloadTemplateException($"{where}: slot '{name}' must be a number, got '{v}'"),
    };
}
