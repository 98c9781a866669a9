using System.Text.Json;
using EdgeVoice.Core;

namespace EdgeVoice.Intents.Llm;

/// <summary>
/// Parses what a model wrote and checks it against the allowlist again (defence in depth: the remote
/// model has no grammar, and a grammar bug must not become an unlocked door).
/// </summary>
public static class IntentJson
{
    public static Intent? Parse(string json, IReadOnlyList<DeviceOptions> devices, out string? problem)
    {
        problem = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { problem = "not an object"; return null; }
            var name = Str(root, "intent");
            if (name is null or "none") return null;
            if (!IntentNames.All.Contains(name)) { problem = $"unknown intent '{name}'"; return null; }
            var id = Str(root, "device");
            var device = devices.FirstOrDefault(d => d.Id == id);
            if (device is null) { problem = $"device '{id}' is not configured"; return null; }
            if (!device.Allows(name)) { problem = $"{name} is not allowed on {id}"; return null; }
            foreach (var p in root.EnumerateObject())
                if (p.Name is not ("intent" or "device" or "brightness" or "position" or "temperature" or "duration"))
                { problem = $"unexpected field '{p.Name}'"; return null; }
            var slots = new Dictionary<string, object>();
            if (!Number(root, "brightness", 0, 100, slots, asInt: true) || !Number(root, "position", 0, 100, slots, asInt: true)
                || !Number(root, "temperature", SlotLimits.MinTemperature, SlotLimits.MaxTemperature, slots, asInt: false) || !Number(root, "duration", 1, 86400, slots, asInt: true))
            { problem = "slot out of range or of the wrong type"; return null; }
            if (name == IntentNames.LightSet && !slots.ContainsKey("brightness")) { problem = "brightness missing"; return null; }
            if (name == IntentNames.SetPosition && !slots.ContainsKey("position")) { problem = "position missing"; return null; }
            if (name == IntentNames.ClimateSetTemperature && !slots.ContainsKey("temperature")) { problem = "temperature missing"; return null; }
            if (device.Area.Length > 0) slots["area"] = device.Area;
            return new Intent(name, device.Id, slots);
        }
        catch (JsonException e) { problem = "invalid JSON: " + e.Message; return null; }
    }

    static string? Str(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    static bool Number(JsonElement o, string key, double min, double max, Dictionary<string, object> slots, bool asInt)
    {
        if (!o.TryGetProperty(key, out var v)) return true;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double x) || x < min || x > max) return false;
        slots[key] = asInt ? (object)(int)Math.Round(x) : x;
        return true;
    }
}
