using EdgeVoice.Core;

namespace EdgeVoice.Intents;

/// <summary>What the rules understood from one sentence, before context and confirmation.</summary>
public sealed record RuleResult(IReadOnlyList<Intent> Intents, string Reply, RuleOutcome Outcome);

public enum RuleOutcome { Command, Question, UnknownDevice, NotAllowed, Refused, NoMatch }

/// <summary>
/// Tier 1: fast matching of common phrasings against the configured devices (names, aliases, areas).
/// The configuration is the allowlist: only configured device ids and their allowed actions come out.
/// </summary>
/// <param name="satelliteArea">The area this EdgeVoice device stands in (Intents:SatelliteArea): "what's the temperature" asks
/// about its thermostats.</param>
public sealed class RuleMatcher(IReadOnlyList<DeviceOptions> devices, string? satelliteArea = null)
{
    static readonly string[] InjectionWords = ["publish", "topic", "mqtt", "ignore", "instructions", "payload", "system prompt", "override"];
    static readonly string[] QuestionStarts = ["what", "is", "are", "how", "when", "who", "why", "where", "tell", "which", "does", "do"];

    public IReadOnlyList<DeviceOptions> Devices => devices;

    public RuleResult Match(string text)
    {
        var s = TextNormalizer.Normalize(text);
        var words = TextNormalizer.Words(s);
        if (words.Length == 0) return new([], "Sorry, I didn't catch that.", RuleOutcome.NoMatch);
        if (text.Contains('/') || InjectionWords.Any(w => TextNormalizer.IndexOfPhrase(s, w) >= 0))
            return new([], "I can't do that.", RuleOutcome.Refused);

        var named = FindDevices(s);
        var area = FindArea(s);
        // A question never switches anything: "is the kitchen light on" asks, it does not command.
        bool question = QuestionStarts.Contains(words[0]);
        Dictionary<string, object>? found = null;
        var action = question ? null : DetectAction(s, words, out found);
        var slots = found ?? [];
        if (question)
        {
            if (IsTemperature(words) && Temperature(words, named, area) is { } temperature) return temperature;
            var asked = named.Where(d => d.Allows(IntentNames.GetState)).ToList();
            if (asked.Count == 0) return new([], "", RuleOutcome.Question);
            return new(asked.Select(d => new Intent(IntentNames.GetState, d.Id, WithArea(slots, d))).ToList(), "", RuleOutcome.Question);
        }
        if (action is null) return new([], "", RuleOutcome.NoMatch);
        if (action == IntentNames.StartTimer)
            return slots.TryGetValue("duration", out var d)
                ? new([new Intent(action, null, slots)], $"Timer set for {Responses.Duration(TimeSpan.FromSeconds((int)d))}.", RuleOutcome.Command)
                : new([], "For how long?", RuleOutcome.NoMatch);

        var targets = named.Count > 0 ? named : area is null ? [] : AreaTargets(s, area, action);
        if (targets.Count == 0)
        {
            var spoken = UnknownName(words);
            return new([], spoken is null ? "Which device do you mean?" : $"I don't know a device called {spoken}.", RuleOutcome.UnknownDevice);
        }
        // A lock is locked and unlocked by name only: "turn off the front door" must not unlock it.
        if (action is IntentNames.TurnOn or IntentNames.TurnOff) targets = targets.Where(t => t.Type == "lock" == (words.Contains("lock") || words.Contains("unlock"))).ToList();
        var allowed = targets.Where(t => t.Allows(For(action, t)) && (!slots.ContainsKey("color") || t.Color)).ToList();
        if (allowed.Count == 0)
            return new([], targets.Count == 0 ? "I can't do that." : $"The {targets[0].Name} can't {(slots.ContainsKey("color") ? "change colour" : "do that")}.", RuleOutcome.NotAllowed);
        if (!SlotsValid(action, slots, out var why)) return new([], why, RuleOutcome.NotAllowed);
        var intents = allowed.Select(d => new Intent(For(action, d), d.Id, WithArea(slots, d))).ToList();
        return new(intents, Speak.Confirmation(intents[0].Name, allowed, intents[0].Slots), RuleOutcome.Command);
    }

    static bool IsTemperature(string[] words) => words.Any(w => w is "temperature" or "temp" or "warm" or "cold" or "hot");

    /// <summary>The words of a temperature question that names nothing ("what is the current temperature in here", "how warm is it").</summary>
    static readonly HashSet<string> Unnamed = ["what", "whats", "is", "the", "current", "temperature", "temp", "how", "warm", "cold", "hot", "it", "in", "here", "right"];

    /// <summary>
    /// A temperature question: the thermostats named, else those of the area said, else those of the satellite's area,
    /// else the home's only one; none when something else is named ("the temperature of the printer"). Null when a device
    /// that is no thermostat is named ("what is the kettle temperature"): a state question.
    /// </summary>
    RuleResult? Temperature(string[] words, List<DeviceOptions> named, string? area)
    {
        static bool Climate(DeviceOptions d) => d.Type == "climate";
        bool InArea(DeviceOptions d, string? a) => a is { Length: > 0 } && string.Equals(d.Area, a, StringComparison.OrdinalIgnoreCase);
        if (named.Count > 0 && !named.Any(Climate)) return null;
        // "the temperature of the printer" names something that is not here: not the thermostat next door.
        if (named.Count == 0 && area is null && !words.All(Unnamed.Contains))
            return new([], UnknownName(words) is { } spoken ? $"I don't know a device called {spoken}." : "Which thermostat do you mean?", RuleOutcome.UnknownDevice);
        var thermostats = named.Count > 0 ? named.Where(Climate).ToList()
            : area is not null ? devices.Where(d => Climate(d) && InArea(d, area)).ToList()
            : devices.Where(d => Climate(d) && InArea(d, satelliteArea)).ToList() is { Count: > 0 } here ? here
            : devices.Where(Climate).Take(2).ToList() is [var only] ? [only] : [];
        // A configuration that allows only the state question still gets it.
        static string? Asked(DeviceOptions d) => d.Allows(IntentNames.ClimateGetTemperature) ? IntentNames.ClimateGetTemperature
            : d.Allows(IntentNames.GetState) ? IntentNames.GetState : null;
        var intents = thermostats.Select(d => (Device: d, Name: Asked(d))).Where(x => x.Name is not null)
            .Select(x => new Intent(x.Name!, x.Device.Id, WithArea([], x.Device))).ToList();
        if (intents.Count > 0) return new(intents, "", RuleOutcome.Question);
        return new([], thermostats.Count > 0 ? $"The {thermostats[0].Name} can't tell its temperature."
            : area is not null ? $"There is no thermostat in the {area}." : "Which thermostat do you mean?", RuleOutcome.NotAllowed);
    }

    // "Set the blinds to 40 percent" reads like a brightness; on a cover it is a position.
    static string For(string action, DeviceOptions d) =>
        action == IntentNames.LightSet && d.Type == "cover" ? IntentNames.SetPosition : action;

    static bool Has(string s, string phrase) => TextNormalizer.IndexOfPhrase(s, phrase) >= 0;

    /// <summary>Devices whose spoken name or alias occurs in the sentence; longer names win over their parts.</summary>
    public List<DeviceOptions> FindDevices(string s)
    {
        var found = new List<(DeviceOptions D, int At, int Len)>();
        foreach (var d in devices)
            foreach (var n in d.SpokenNames().Select(TextNormalizer.Normalize).Distinct())
            {
                int at = TextNormalizer.IndexOfPhrase(s, n);
                if (at >= 0) found.Add((d, at, n.Length));
            }
        // "living room light" also contains "light": drop matches inside a longer one at the same place.
        var kept = found.Where(f => !found.Any(g => g.D != f.D && g.Len > f.Len && g.At <= f.At && f.At + f.Len <= g.At + g.Len)).ToList();
        return kept.OrderBy(f => f.At).Select(f => f.D).Distinct().ToList();
    }

    string? FindArea(string s) =>
        devices.Select(d => d.Area).Where(a => a.Length > 0).Distinct()
            .OrderByDescending(a => a.Length).FirstOrDefault(a => TextNormalizer.IndexOfPhrase(s, TextNormalizer.Normalize(a)) >= 0);

    List<DeviceOptions> AreaTargets(string s, string area, string action)
    {
        bool lightsOnly = TextNormalizer.IndexOfPhrase(s, "lights") >= 0 || TextNormalizer.IndexOfPhrase(s, "light") >= 0;
        bool everything = Has(s, "everything") || Has(s, "all devices") || Has(s, "all off") || Has(s, "all on");
        var inArea = devices.Where(d => string.Equals(d.Area, area, StringComparison.OrdinalIgnoreCase) && d.Allows(action));
        // "open the blinds in the office": the covers of that device class there.
        if (CommandSentences.CoverKinds.OrderByDescending(k => k.Value.Length).FirstOrDefault(k => Has(s, k.Value) || Has(s, k.Value[..^1])) is { Key: { } kind })
            return inArea.Where(d => d.Type == "cover" && string.Equals(d.DeviceClass, kind, StringComparison.OrdinalIgnoreCase)).ToList();
        if (lightsOnly && !everything || action == IntentNames.LightSet) return inArea.Where(d => d.Type == "light").ToList();
        if (action == IntentNames.ClimateSetTemperature) return inArea.Where(d => d.Type == "climate").ToList();
        return everything ? inArea.ToList() : [];
    }

    static string? DetectAction(string s, string[] words, out Dictionary<string, object>? slots)
    {
        slots = [];
        bool Has(string p) => TextNormalizer.IndexOfPhrase(s, p) >= 0;
        if (Has("timer"))
        {
            if (Numbers.Duration(words) is int secs) slots["duration"] = secs;
            return IntentNames.StartTimer;
        }
        // "set the bed light to red": only Home Assistant's colour names, never a word said passed on.
        if (CommandSentences.Colors.FirstOrDefault(words.Contains) is { } color && (Has("set") || Has("color")))
        {
            slots["color"] = color;
            return IntentNames.LightSet;
        }
        double? number = NumberAfterTo(words);
        if (number is double n && (Has("degrees") || Has("degree") || Has("temperature") || Has("thermostat") || Has("heating")))
        {
            slots["temperature"] = n;
            return IntentNames.ClimateSetTemperature;
        }
        if (number is double p && (Has("percent") || Has("brightness") || Has("dim") || Has("set") || Has("position")))
        {
            slots["brightness"] = (int)p;
            return IntentNames.LightSet; // SetPosition for covers: decided per device in Resolve
        }
        if (words.Contains("unlock")) return IntentNames.TurnOff; // HA: a lock is locked with HassTurnOn
        if (words.Contains("lock")) return IntentNames.TurnOn;
        if (words.Contains("pause")) return IntentNames.MediaPause;
        if (words.Contains("resume") || words.Contains("unpause")) return IntentNames.MediaUnpause;
        if (words.Contains("next") || words.Contains("skip")) return IntentNames.MediaNext;
        if (words.Contains("run") || words.Contains("activate")) return IntentNames.TurnOn;
        bool turn = words.Contains("turn") || words.Contains("switch") || words.Contains("power");
        // "turn everything off in the kitchen", "kitchen light off", "kettle on"
        bool on = turn ? words.Contains("on") : words[^1] == "on", off = turn ? words.Contains("off") : words[^1] == "off";
        if (off && !on || Has("stop") || Has("close") || Has("shut") || Has("lower")) return IntentNames.TurnOff;
        if (on && !off || Has("start") || Has("open") || Has("raise")) return IntentNames.TurnOn;
        if (Has("status") || Has("state")) return IntentNames.GetState;
        return null;
    }

    static double? NumberAfterTo(string[] words)
    {
        for (int i = 0; i < words.Length; i++)
            if (words[i] is "to" or "at" && Numbers.TryRead(words, i + 1, out double v) > 0) return v;
        for (int i = 0; i < words.Length; i++)
            if (Numbers.TryRead(words, i, out double v) > 0 && words[i] is not ("a" or "an" or "one")) return v;
        return null;
    }

    static bool SlotsValid(string action, Dictionary<string, object> slots, out string why)
    {
        why = "";
        if (slots.TryGetValue("brightness", out var b) && b is int v && v is < 0 or > 100) { why = "Brightness goes from 0 to 100 percent."; return false; }
        if (slots.TryGetValue("temperature", out var t) && t is double c && c is < SlotLimits.MinTemperature or > SlotLimits.MaxTemperature)
        { why = $"I can set the temperature between {SlotLimits.MinTemperature} and {SlotLimits.MaxTemperature} degrees."; return false; }
        return true;
    }

    static Dictionary<string, object> WithArea(Dictionary<string, object> slots, DeviceOptions d)
    {
        var s = new Dictionary<string, object>(slots);
        if (d.Type == "cover" && s.Remove("brightness", out var pos)) s["position"] = pos;
        if (d.Area.Length > 0) s["area"] = d.Area;
        return s;
    }

    static string? UnknownName(string[] words)
    {
        int the = Array.LastIndexOf(words, "the");
        if (the < 0 || the == words.Length - 1) return null;
        var rest = words.Skip(the + 1).TakeWhile(w => w is not ("on" or "off" or "to" or "in" or "please")).ToArray();
        return rest.Length == 0 ? null : "the " + string.Join(' ', rest);
    }
}
