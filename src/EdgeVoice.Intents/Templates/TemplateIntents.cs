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
    readonly IReadOnlyDictionary<string, List<string>> floors;

    /// <param name="floors">Floor name → the areas on it ("upstairs": bedroom, office).</param>
    public TemplateIntents(TemplateSet set, IReadOnlyList<DeviceOptions> devices, string? satelliteArea,
        IReadOnlyDictionary<string, List<string>>? floors = null)
    {
        this.devices = devices;
        this.satelliteArea = string.IsNullOrWhiteSpace(satelliteArea) ? null : satelliteArea;
        this.floors = floors ?? new Dictionary<string, List<string>>();
        matcher = new TemplateMatcher(set, Home(devices, this.floors));
    }

    public int SentenceCount => matcher.SentenceCount;

    /// <summary>Entities from devices (each spoken name is one), areas from their Area; the HA domain is the device Type.</summary>
    static TemplateHome Home(IReadOnlyList<DeviceOptions> devices, IReadOnlyDictionary<string, List<string>> floors)
    {
        var home = new TemplateHome();
        foreach (var d in devices)
            foreach (var name in d.SpokenNames())
                home.Entities.Add(new TemplateHome.Entity(d.Id, Escape(name), d.Type, d.Area, d.DeviceClass));
        foreach (var floor in floors.Keys) home.Floors.Add(new TemplateHome.Floor(floor, Escape(floor)));
        foreach (var area in devices.Select(d => d.Area).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
            home.Areas.Add(new TemplateHome.Area(area, Escape(area), FloorOf(floors, area)));
        return home;
    }

    static string? FloorOf(IReadOnlyDictionary<string, List<string>> floors, string area) =>
        floors.FirstOrDefault(f => f.Value.Any(a => Same(a, area))).Key;

    /// <summary>A configured name is plain text, not a template.</summary>
    static string Escape(string name) => string.Concat(name.Select(c => "()[]{}<>|;\\".Contains(c) ? "\\" + c : c.ToString()));

    /// <summary>What a sentence means: its intent and slots, and the intents for configured devices that allow it.</summary>
    public sealed record Heard(string Intent, IReadOnlyDictionary<string, object> Slots, IReadOnlyList<Intent> Intents);

    /// <summary>Intents for configured devices, or an empty list when the sentence names none that allow its action.</summary>
    public IReadOnlyList<Intent> Recognize(string text) => Hear(text)?.Intents ?? [];

    /// <summary>Null when no sentence matches.</summary>
    public Heard? Hear(string text)
    {
        var context = satelliteArea is null ? null : new Dictionary<string, string> { ["area"] = satelliteArea };
        var m = matcher.Match(text, context);
        if (m is null) return null;
        string? Slot(string k) => m.Slots.TryGetValue(k, out var v) ? Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        var name = Slot("name");
        var area = Slot("area");
        var domain = Slot("domain");
        var deviceClass = Slot("device_class");
        var floor = Slot("floor") is { } f ? floors.FirstOrDefault(kv => Same(kv.Key, f)).Value ?? [] : null;
        var all = m.Slots.ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        // Nothing named ("set the temperature to 21"): HA means the satellite's own area.
        if (name is null && area is null && domain is null && floor is null) area = satelliteArea;
        IEnumerable<DeviceOptions> targets = name is not null
            ? devices.Where(d => d.SpokenNames().Any(n => Same(n, name)))
            : area is null && domain is null && floor is null ? []
            : devices.Where(d => (area is null || Same(d.Area, area)) && (domain is null || Same(d.Type, domain))
                && (floor is null || floor.Any(a => Same(a, d.Area)))
                // Without a configured device class the name says it: "the garage door" must not open the blinds.
                && (deviceClass is null || (d.DeviceClass is { } dc ? Same(dc, deviceClass)
                    : d.SpokenNames().Any(n => n.Contains(deviceClass, StringComparison.OrdinalIgnoreCase)))));
        var slots = m.Slots.Where(kv => kv.Key is not ("name" or "domain" or "device_class" or "floor"))
            .ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        // HA's ranges are wider than what EdgeVoice lets through (a thermostat to 90 degrees).
        if (slots.TryGetValue("temperature", out var t) && Convert.ToDouble(t, System.Globalization.CultureInfo.InvariantCulture)
                is < SlotLimits.MinTemperature or > SlotLimits.MaxTemperature)
            return new Heard(m.Intent, all, []);
        // A colour only for a light that takes one (HA checks the light's colour modes when it acts).
        return new Heard(m.Intent, all, [.. targets.Where(d => d.Allows(m.Intent) && (!slots.ContainsKey("color") || d.Color)).Select(d => new Intent(m.Intent, d.Id, WithArea(slots, d)))]);
    }

    static Dictionary<string, object> WithArea(Dictionary<string, object> slots, DeviceOptions d)
    {
        var s = new Dictionary<string, object>(slots);
        if (d.Area.Length > 0) s["area"] = d.Area; else s.Remove("area");
        return s;
    }

    static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
