using EdgeVoice.Core;

namespace EdgeVoice.Intents.Templates;

/// <summary>
/// Home Assistant's sentence templates against the configured devices: a match becomes intents for the devices it
/// names (by name or alias, or by area and domain), each allowed that action. Nothing else can come out.
/// </summary>
public sealed class TemplateIntents
{
    readonly TemplateMatcher matcher;
    readonly IReadOnlyList<DeviceOptions> devices;
    readonly string? satelliteArea;

    public TemplateIntents(TemplateSet set, IReadOnlyList<DeviceOptions> devices, string? satelliteArea)
    {
        this.devices = devices;
        this.satelliteArea = string.IsNullOrWhiteSpace(satelliteArea) ? null : satelliteArea;
        matcher = new TemplateMatcher(set, Home(devices));
    }

    /// <summary>Entities from devices (each spoken name is one), areas from their Area; the HA domain is the device Type.</summary>
    static TemplateHome Home(IReadOnlyList<DeviceOptions> devices)
    {
        var home = new TemplateHome();
        foreach (var d in devices)
            foreach (var name in d.SpokenNames())
                home.Entities.Add(new TemplateHome.Entity(d.Id, Escape(name), d.Type, d.Area));
        foreach (var area in devices.Select(d => d.Area).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
            home.Areas.Add(new TemplateHome.Area(area, Escape(area)));
        return home;
    }

    /// <summary>A configured name is plain text, not a template.</summary>
    static string Escape(string name) => string.Concat(name.Select(c => "()[]{}<>|;\\".Contains(c) ? "\\" + c : c.ToString()));

    /// <summary>Intents for configured devices, or an empty list when the sentence names none that allow its action.</summary>
    public IReadOnlyList<Intent> Recognize(string text)
    {
        var context = satelliteArea is null ? null : new Dictionary<string, string> { ["area"] = satelliteArea };
        var m = matcher.Match(text, context);
        if (m is null) return [];
        string? Slot(string k) => m.Slots.TryGetValue(k, out var v) ? Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        var name = Slot("name");
        var area = Slot("area");
        var domain = Slot("domain");
        var deviceClass = Slot("device_class");
        // Nothing named ("set the temperature to 21"): HA means the satellite's own area.
        if (name is null && area is null && domain is null) area = satelliteArea;
        IEnumerable<DeviceOptions> targets = name is not null
            ? devices.Where(d => d.SpokenNames().Any(n => Same(n, name)))
            : area is null && domain is null ? []
            : devices.Where(d => (area is null || Same(d.Area, area)) && (domain is null || Same(d.Type, domain))
                // Devices have no device class in configuration: "the garage door" must not open the blinds.
                && (deviceClass is null || d.SpokenNames().Any(n => n.Contains(deviceClass, StringComparison.OrdinalIgnoreCase))));
        var slots = m.Slots.Where(kv => kv.Key is not ("name" or "domain" or "device_class"))
            .ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        // HA's ranges are wider than what EdgeVoice lets through (a thermostat to 90 degrees).
        if (slots.TryGetValue("temperature", out var t) && Convert.ToDouble(t, System.Globalization.CultureInfo.InvariantCulture)
                is < SlotLimits.MinTemperature or > SlotLimits.MaxTemperature)
            return [];
        return [.. targets.Where(d => d.Allows(m.Intent)).Select(d => new Intent(m.Intent, d.Id, WithArea(slots, d)))];
    }

    static Dictionary<string, object> WithArea(Dictionary<string, object> slots, DeviceOptions d)
    {
        var s = new Dictionary<string, object>(slots);
        if (d.Area.Length > 0) s["area"] = d.Area; else s.Remove("area");
        return s;
    }

    static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
