using System.Globalization;
using System.Text.Json.Nodes;
using EdgeVoice.Core;

namespace EdgeVoice.Intents;

/// <summary>
/// What a thermostat's retained state says about the room's temperature. Home Assistant's question asks for the
/// measured temperature, never the set point, so only a field that names it counts: <c>current_temperature</c> (Home
/// Assistant's MQTT climate) or <c>local_temperature</c> (Zigbee2MQTT thermostats), or a state that is a bare number.
/// A <c>temperature</c> field is the set point in these payloads (and in EdgeVoice's own): it is not read as the room's.
/// </summary>
public static class Thermostat
{
    static readonly string[] Fields = ["current_temperature", "local_temperature"];

    /// <summary>The measured temperature, or null when the state does not say it.</summary>
    public static double? Reading(string? state)
    {
        var t = state?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare)) return Sane(bare);
        var o = RetainedState.Object(t);
        foreach (var f in Fields)
            if (o?[f] is JsonValue v && v.TryGetValue<double>(out var d)) return Sane(d);
        return null;
    }

    /// <summary>A reading no room has (a sensor's error code, -273) is no reading.</summary>
    static double? Sane(double d) => double.IsFinite(d) && d is > -60 and < 100 ? Math.Round(d, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>The spoken answer: "It is 21.5 degrees in the office."</summary>
    public static string Says(DeviceOptions d, string? state) => Reading(state) is not double c
        ? $"I don't know the temperature of the {d.Name} yet."
        : d.Area.Length > 0 ? $"It is {Degrees(c)} in the {d.Area}." : $"The {d.Name} reads {Degrees(c)}.";

    static string Degrees(double c) => $"{c.ToString("0.#", CultureInfo.InvariantCulture)} {(c == 1 ? "degree" : "degrees")}";
}
