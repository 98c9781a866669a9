using System.Globalization;
using EdgeVoice.Core;

namespace EdgeVoice.Intents.Timers;

/// <summary>
/// Home Assistant's timer intents against <see cref="DeviceTimers"/>: which timers a sentence means (by name,
/// by the duration it was set for, by area, else the newest) and the spoken reply.
/// </summary>
public static class TimerCommands
{
    /// <summary>Longest timer, and most time added at once (a spoken number can be anything).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    /// <summary>Runs the intent; returns the reply.</summary>
    /// <param name="satelliteArea">Where a new timer belongs when the sentence names no area.</param>
    public static string Run(DeviceTimers timers, string intent, IReadOnlyDictionary<string, object> slots, string? satelliteArea)
    {
        string? Text(string k) => slots.TryGetValue(k, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
        var change = Span(slots, "");
        if (change > MaxDuration) return Responses.TooLong;
        var named = new Dictionary<string, object>();
        if (Text("name") is { } name) named["name"] = name;
        if (intent == IntentNames.StartTimer)
        {
            if (change is not { TotalSeconds: >= 1 } d) return Responses.NoDuration;
            if (timers.Add(d, Text("name"), Text("area") ?? satelliteArea) is null) return Responses.TooManyTimers;
            return Responses.For(intent, [], new Dictionary<string, object>(named) { ["duration"] = Responses.Duration(d) });
        }
        var all = timers.All;
        if (all.Count == 0) return Responses.NoTimers;
        var area = Text("area");
        if (intent == IntentNames.CancelAllTimers)
        {
            var gone = area is null ? all : [.. all.Where(t => Same(t.Area, area))];
            timers.Cancel(gone);
            return Responses.For(intent, [], new Dictionary<string, object> { ["count"] = gone.Count == 1 ? "1 timer" : $"{gone.Count} timers" });
        }
        var set = Span(slots, "start_");
        var which = all.Where(t => (Text("name") is not { } n || Same(t.Name, n)) && (set is null || t.Seconds == (int)set.Value.TotalSeconds)
            && (area is null || Same(t.Area, area))).ToList();
        if (which.Count == 0) return Responses.NoSuchTimer;
        // "How long is left" asks about all of them; a change without a name acts on the newest.
        if (intent == IntentNames.TimerStatus) return Responses.TimerStatus([.. which.Select(t => (t, timers.Left(t)))]);
        which = [which[^1]];
        switch (intent)
        {
            case IntentNames.CancelTimer: timers.Cancel(which); break;
            case IntentNames.PauseTimer: timers.Pause(which); break;
            case IntentNames.UnpauseTimer: timers.Resume(which); break;
            case IntentNames.IncreaseTimer or IntentNames.DecreaseTimer:
                if (change is not { } by) return Responses.NoDuration;
                timers.Extend(which, intent == IntentNames.IncreaseTimer ? by : -by);
                named["duration"] = Responses.Duration(by);
                break;
            default: return Responses.NoSuchTimer;
        }
        return Responses.For(intent, [], named);
    }

    /// <summary>
    /// The slots as the intent event carries them: HA's hours/minutes/seconds as one <c>duration</c> in seconds
    /// (the rules' form), its start_hours/... as <c>start_duration</c>; other slots as they are.
    /// </summary>
    public static Dictionary<string, object> EventSlots(IReadOnlyDictionary<string, object> slots)
    {
        var units = new[] { "hours", "minutes", "seconds" };
        var d = slots.Where(kv => !units.Any(u => kv.Key == u || kv.Key == "start_" + u)).ToDictionary(kv => kv.Key, kv => kv.Value);
        if (Span(slots, "") is { } change) d["duration"] = (int)change.TotalSeconds;
        if (Span(slots, "start_") is { } set) d["start_duration"] = (int)set.TotalSeconds;
        return d;
    }

    /// <summary>hours/minutes/seconds slots (with a prefix: start_hours, ...), or the rules' duration in seconds.</summary>
    static TimeSpan? Span(IReadOnlyDictionary<string, object> slots, string prefix)
    {
        double Get(string k) => slots.TryGetValue(prefix + k, out var v) ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : 0;
        var seconds = Get("hours") * 3600 + Get("minutes") * 60 + Get("seconds");
        if (prefix.Length == 0 && seconds == 0) seconds = Get("duration");
        return seconds > 0 ? TimeSpan.FromSeconds(Math.Round(seconds)) : null;
    }

    static bool Same(string? a, string b) => a is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
