using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeVoice.Intents;

/// <summary>
/// A device's retained state as JSON, when it is a JSON object. The state is whatever its publisher put there, so
/// one past a size no device state needs is not parsed at all, and bad JSON is no object rather than an error.
/// </summary>
static class RetainedState
{
    const int MaxJsonChars = 64 * 1024;

    public static JsonObject? Object(string? state)
    {
        var t = state?.Trim();
        if (t is null || !t.StartsWith('{') || t.Length > MaxJsonChars) return null;
        try { return JsonNode.Parse(t) as JsonObject; }
        catch (JsonException) { return null; }
    }
}
