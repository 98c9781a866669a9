using System.Globalization;
using EdgeVoice.Core;
using EdgeVoice.Intents.Timers;

namespace EdgeVoice.Intents;

/// <summary>
/// Spoken replies in Home Assistant's response style ("Turned on the lights", "Opened the garage door",
/// "Timer set for 5 minutes"), one table for every intent the template tier and the timers answer.
/// {what} is the device ("the reading lamp") or, for several, their kind ("the lights").
/// </summary>
public static class Responses
{
    static readonly Dictionary<(string Intent, string Domain), string> Table = new()
    {
        [(IntentNames.TurnOn, "")] = "Turned on {what}",
        [(IntentNames.TurnOff, "")] = "Turned off {what}",
        [(IntentNames.TurnOn, "cover")] = "Opened {what}",
        [(IntentNames.TurnOff, "cover")] = "Closed {what}",
        [(IntentNames.TurnOn, "valve")] = "Opened {what}",
        [(IntentNames.TurnOff, "valve")] = "Closed {what}",
        [(IntentNames.TurnOn, "lock")] = "Locked {what}",
        [(IntentNames.TurnOff, "lock")] = "Unlocked {what}",
        [(IntentNames.TurnOn, "scene")] = "Activated",
        [(IntentNames.TurnOn, "script")] = "Started",
        [(IntentNames.LightSet, "")] = "Brightness set",
        [(IntentNames.LightSetColorPayload, "")] = "Color set",
        [(IntentNames.SetPosition, "")] = "Position set",
        [(IntentNames.ClimateSetTemperature, "")] = "Temperature set to {temperature} degrees",
        [("HassMediaPause", "")] = "Paused",
        [("HassMediaUnpause", "")] = "Resumed",
        [("HassMediaNext", "")] = "Playing next",
        [("HassMediaPrevious", "")] = "Playing previous",
        [("HassSetVolume", "")] = "Volume set",
        [("HassVacuumStart", "")] = "Started",
        [("HassVacuumReturnToBase", "")] = "Returning to base",
        [("HassShoppingListAddItem", "")] = "Added {item}",
        [("HassListAddItem", "")] = "Added {item}",
        [("HassShoppingListCompleteItem", "")] = "Checked off {item}",
        [("HassListCompleteItem", "")] = "Checked off {item}",
        [("HassNevermind", "")] = "",
        [(IntentNames.StartTimer, "")] = "Timer set for {duration}{named}",
        [(IntentNames.CancelTimer, "")] = "Timer cancelled",
        [(IntentNames.CancelAllTimers, "")] = "Canceled {count}",
        [(IntentNames.PauseTimer, "")] = "Timer paused",
        [(IntentNames.UnpauseTimer, "")] = "Timer resumed",
        [(IntentNames.IncreaseTimer, "")] = "{duration} added to timer{named}",
        [(IntentNames.DecreaseTimer, "")] = "{duration} removed from timer{named}",
    };

    static readonly Dictionary<string, string> Plural = new()
    {
        ["light"] = "lights", ["switch"] = "switches", ["fan"] = "fans", ["cover"] = "covers", ["valve"] = "valves",
        ["lock"] = "locks", ["climate"] = "thermostats", ["media_player"] = "players", ["vacuum"] = "vacuums",
    };

    public const string NoTimers = "There are no timers.";
    public const string NoSuchTimer = "I couldn't find that timer.";
    public const string TooManyTimers = "There are too many timers already.";
    public const string NoDuration = "For how long?";
    public const string TooLong = "Timers can run for at most a week.";
    public const string WeatherNotConfigured = "Weather is not configured.";
    public const string WeatherUnknown = "I don't know the weather yet.";

    /// <summary>The reply for an intent done on <paramref name="devices"/> (none for timers).</summary>
    public static string For(string intent, IReadOnlyList<DeviceOptions> devices, IReadOnlyDictionary<string, object> slots)
    {
        var domain = devices.Count > 0 ? devices[0].Type : "";
        if (intent == IntentNames.LightSet && slots.ContainsKey("color")) intent = IntentNames.LightSetColorPayload;
        if (!Table.TryGetValue((intent, domain), out var text) && !Table.TryGetValue((intent, ""), out text)) return "Done.";
        string Slot(string k) => slots.TryGetValue(k, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? "" : "";
        text = text.Replace("{what}", What(devices)).Replace("{item}", Slot("item")).Replace("{temperature}", Slot("temperature"))
            .Replace("{duration}", Slot("duration")).Replace("{count}", Slot("count"))
            .Replace("{named}", slots.TryGetValue("name", out var n) ? " named " + n : "");
        return text.Length == 0 ? "" : char.ToUpperInvariant(text[0]) + text[1..].TrimEnd() + ".";
    }

    static string What(IReadOnlyList<DeviceOptions> devices) => devices.Count switch
    {
        0 => "",
        1 => "the " + devices[0].Name,
        _ when devices.All(d => d.Type == devices[0].Type) && Plural.TryGetValue(devices[0].Type, out var kind) => "the " + kind,
        _ => string.Join(", ", devices.Select(d => d.Name).SkipLast(1)) + " and " + devices[^1].Name,
    };

    /// <summary>"1 hour, 15 minutes and 30 seconds".</summary>
    public static string Duration(TimeSpan t)
    {
        static string Part(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
        var parts = new List<string>();
        int total = (int)Math.Round(t.TotalSeconds);
        if (total >= 3600) parts.Add(Part(total / 3600, "hour"));
        if (total % 3600 >= 60) parts.Add(Part(total % 3600 / 60, "minute"));
        if (total % 60 > 0 || parts.Count == 0) parts.Add(Part(total % 60, "second"));
        return parts.Count == 1 ? parts[0] : string.Join(", ", parts.SkipLast(1)) + " and " + parts[^1];
    }

    /// <summary>How a timer is called: "pizza timer", "5 minute timer".</summary>
    public static string TimerLabel(TimerEntry t) =>
        t.Name is { Length: > 0 } name ? $"{name} timer" : Duration(TimeSpan.FromSeconds(t.Seconds)).Replace("minutes", "minute").Replace("hours", "hour").Replace("seconds", "second") + " timer";

    public static string TimerFinished(TimerEntry t, bool whileOff) =>
        whileOff ? $"Your {TimerLabel(t)} finished while I was off." : $"Your {TimerLabel(t)} is done.";

    public static string TimerStatus(IReadOnlyList<(TimerEntry Timer, TimeSpan Left)> timers) => timers.Count switch
    {
        0 => NoTimers,
        _ => string.Join(" ", timers.Select(x => $"The {TimerLabel(x.Timer)} has {Duration(x.Left)} left{(x.Timer.PausedLeft is null ? "" : ", paused")}.")),
    };
}
