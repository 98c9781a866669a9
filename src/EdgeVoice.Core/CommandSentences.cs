namespace EdgeVoice.Core;

/// <summary>
/// A command sentence pattern. Syntax (JSGF-like, so the grammar recogniser can compile it directly):
/// words, (a | b) alternatives, [optional], and slots {name} (a configured device's name or alias),
/// {area}, {name_in_area} ("standing light in the office"), {kind_in_area} (a cover's device class in its area:
/// "blinds in the office"), {number} (spoken 0..100, "twenty one", "one hundred"), {unit} (seconds | minutes | hours),
/// {duration} (a number and a unit that agree: "one minute", "five minutes"), {color} (<see cref="CommandSentences.Colors"/>).
/// </summary>
/// <param name="Color">Only for lights that take a colour (<see cref="DeviceOptions.Color"/>).</param>
/// <param name="Here">Names no device or area: it acts on the devices in the area this EdgeVoice device stands in
/// (Intents:SatelliteArea), and applies only when that area has some. The template tier parses it, not the rule tier.</param>
/// <param name="OnDevice">One of the intents the device answers itself (time, date); the template tier parses it,
/// so the grammar says it only when that tier is on.</param>
/// <param name="Timer">One of the timers' on-device sentences: said only by Speech:GrammarSource ondevice, not by the default
/// grammar, where they cost the espeak-ng bench 2 points and took "stop the fan" for "stop the timer" (Speech EXPERIMENTS, session 17).</param>
public sealed record SentenceTemplate(string Intent, string Pattern, string[]? DeviceTypes = null, bool Color = false, bool Here = false,
    bool OnDevice = false, bool Timer = false)
{
    public bool AppliesTo(DeviceOptions d) =>
        d.Allows(Intent) && (DeviceTypes is null || DeviceTypes.Contains(d.Type, StringComparer.OrdinalIgnoreCase)) && (!Color || d.Color);
}

/// <summary>
/// The one list of command phrasings that both the grammar recogniser (Speech) and the rule matcher
/// (Intents) are built from, so that anything the grammar can hear the rules can parse.
/// Templates with {name} expand per device that allows the intent; {area} templates expand per area and
/// act on every device there that allows the intent; templates with neither need no device.
/// </summary>
public static class CommandSentences
{
    /// <summary>A number and a unit that agree, as the grammar says them (JSGF; &lt;count&gt; is &lt;number&gt; without "one").</summary>
    public const string Duration = "one (second | minute | hour) | <count> (seconds | minutes | hours)";

    static readonly string[] Cover = ["cover"];
    static readonly string[] NotCover = ["light", "switch", "fan", "climate", "conveyor", "press", "media_player"];
    static readonly string[] Light = ["light"], Lock = ["lock"], Media = ["media_player"], Climate = ["climate"];

    public static IReadOnlyList<SentenceTemplate> Templates { get; } =
    [
        new(IntentNames.TurnOn, "(turn | switch) on [the] {name}", NotCover),
        new(IntentNames.TurnOn, "(turn | switch) [the] {name} on", NotCover),
        new(IntentNames.TurnOn, "start [the] {name}", ["conveyor", "press", "fan"]),
        new(IntentNames.TurnOn, "open [the] {name}", Cover),
        new(IntentNames.TurnOff, "(turn | switch) off [the] {name}", NotCover),
        new(IntentNames.TurnOff, "(turn | switch) [the] {name} off", NotCover),
        new(IntentNames.TurnOff, "stop [the] {name}", ["conveyor", "press", "fan"]),
        new(IntentNames.TurnOff, "close [the] {name}", Cover),
        new(IntentNames.LightSet, "(set | dim) [the] {name} to {number} [percent]", ["light"]),
        new(IntentNames.LightSet, "set [the] {name} brightness to {number} [percent]", ["light"]),
        new(IntentNames.SetPosition, "set [the] {name} to {number} percent", Cover),
        new(IntentNames.ClimateSetTemperature, "set [the] {name} to {number} degrees", ["climate"]),
        new(IntentNames.ClimateSetTemperature, "set [the] temperature in the {area} to {number} degrees", ["climate"]),
        new(IntentNames.GetState, "what is the status of [the] {name}"),
        new(IntentNames.GetState, "what is the {name} [status]"),
        new(IntentNames.GetState, "is [the] {name} (on | off | open | closed | running)"),
        new(IntentNames.TurnOn, "turn on [all] [the] lights in the {area}", ["light"]),
        new(IntentNames.TurnOff, "turn off [all] [the] lights in the {area}", ["light"]),
        new(IntentNames.TurnOff, "turn (everything | all) off in the {area}"),
        new(IntentNames.TurnOff, "turn off everything in the {area}"),
        new(IntentNames.StartTimer, "(set | start) a timer for {number} {unit}"),
        // Home Assistant's device sentences (HassTurnOn/HassTurnOff, cover_*, light_HassLightSet, lock_*, script_ and
        // scene_HassTurnOn, media_player_*), plainly: a name with its area, brightness and colour, locks, scripts, media.
        // Not "turn on/off the {name} in the {area}" (the espeak-ng family heard "fan in the living room" as the heater, twice
        // executed in session 14, once more with session 20's checks), nor the brightness of an area ("seventy" executed as
        // "seventy eight" in session 14, "fifty" as "sixty" in session 20): EXPERIMENTS. The rule tier still parses both when
        // typed or heard by Whisper. "Set the brightness of the {name}" is at the end of the list.
        new(IntentNames.TurnOn, "open [the] {name_in_area}", Cover),
        new(IntentNames.TurnOff, "close [the] {name_in_area}", Cover),
        new(IntentNames.TurnOn, "open the {kind_in_area}", Cover),
        new(IntentNames.TurnOff, "close the {kind_in_area}", Cover),
        new(IntentNames.LightSet, "set [the] color of [the] {name} to {color}", Light, Color: true),
        new(IntentNames.LightSet, "set [the] {name} [color] to {color}", Light, Color: true),
        new(IntentNames.LightSet, "set [the] lights in the {area} to {color}", Light, Color: true),
        new(IntentNames.TurnOn, "lock [the] {name}", Lock),
        new(IntentNames.TurnOff, "unlock [the] {name}", Lock),
        new(IntentNames.GetState, "is [the] {name} (locked | unlocked)", Lock),
        new(IntentNames.TurnOn, "(run | activate) [the] {name} [script]", ["script"]),
        new(IntentNames.TurnOn, "activate [the] {name} [scene]", ["scene"]),
        new(IntentNames.MediaPause, "pause [the] {name}", Media),
        new(IntentNames.MediaUnpause, "(resume | unpause) [the] {name}", Media),
        new(IntentNames.MediaNext, "next [track] on [the] {name}", Media),
        new(IntentNames.MediaNext, "skip [the] track on [the] {name}", Media),
        // Home Assistant's sentences for the lights of the satellite's own area ("turn on the lights", "set the brightness
        // in here to 50 percent"). The template tier understands them (it knows Intents:SatelliteArea; the rule tier does not),
        // so the grammar says them only with the templates on and an area set. Last in the list, so the sample sentences
        // drawn for the templates above stay the same.
        // "All the lights" only with "in here": without it Home Assistant means every light in the home. No "the light": it
        // means the same lights, and beside "the lights" it was heard for them (Piper, espeak-ng).
        new(IntentNames.TurnOn, "(turn | switch) on ([the] lights [in here] | all [[of] the] lights in here)", Light, Here: true),
        new(IntentNames.TurnOn, "(turn | switch) ([the] lights on [in here] | all [[of] the] lights on in here)", Light, Here: true),
        new(IntentNames.TurnOff, "(turn | switch) off ([the] lights [in here] | all [[of] the] lights in here)", Light, Here: true),
        new(IntentNames.TurnOff, "(turn | switch) ([the] lights off [in here] | all [[of] the] lights off in here)", Light, Here: true),
        new(IntentNames.LightSet, "set [the] brightness [in here] to {number} [percent]", Light, Here: true),
        new(IntentNames.LightSet, "set [[the] color of] (all [[of] the] lights | [the] lights) [in here] to {color}", Light, Color: true, Here: true),
        // What time and date it is, as Home Assistant's templates say it most often. Only these: the timers' other sentences
        // cost the espeak-ng bench 2 points and took "stop the fan" for "stop the timer" (EXPERIMENTS.md, session 17).
        new("HassGetCurrentTime", "what time is it", OnDevice: true),
        new("HassGetCurrentTime", "(what is | what's) the time", OnDevice: true),
        new("HassGetCurrentDate", "(what is | what's) the date [today]", OnDevice: true),
        new("HassGetCurrentDate", "what is today's date", OnDevice: true),
        // The timers as Home Assistant's templates say them most often: a few short sentences rather than the templates'
        // every form, which lower every margin (session 16), yet more than the default grammar's one.
        new(IntentNames.CancelTimer, "(cancel | stop) [the | my] timer", OnDevice: true, Timer: true),
        new(IntentNames.CancelAllTimers, "(cancel | stop) all [[of] (the | my)] timers", OnDevice: true, Timer: true),
        new(IntentNames.TimerStatus, "how much time is left on [the | my] timer", OnDevice: true, Timer: true),
        new(IntentNames.TimerStatus, "status of [the | my] timers", OnDevice: true, Timer: true),
        new(IntentNames.UnpauseTimer, "resume [the | my] timer", OnDevice: true, Timer: true),
        new(IntentNames.PauseTimer, "pause [the | my] timer", OnDevice: true, Timer: true),
        new(IntentNames.StartTimer, "(set | start | create) [a] timer for {duration} [[and] {duration}]", OnDevice: true, Timer: true),
        new(IntentNames.StartTimer, "(set | start | create) [a] timer for {number} and a half (minutes | hours)", OnDevice: true, Timer: true),
        // A thermostat's temperature as Home Assistant's templates ask for it most often (climate_HassClimateGetTemperature).
        // Nothing named: the thermostats of the satellite's area, else the home's only one (RuleMatcher). Last in the list,
        // so the sentences drawn for the templates above stay the same.
        new(IntentNames.ClimateGetTemperature, "(what is | what's) the (temperature | temp)", Climate),
        new(IntentNames.ClimateGetTemperature, "how (warm | cold | hot) is it", Climate),
        new(IntentNames.ClimateGetTemperature, "(what is | what's) the (temperature | temp) in the {area}", Climate),
        new(IntentNames.ClimateGetTemperature, "(what is | what's) the {area} (temperature | temp)", Climate),
        new(IntentNames.ClimateGetTemperature, "(what is | what's) the {name} (temperature | temp)", Climate),
        new(IntentNames.ClimateGetTemperature, "(what is | what's) the (temperature | temp) of the {name}", Climate),
        // Home Assistant's "set the brightness of the {name}", with "percent" said: left out in session 14 (espeak-ng executed
        // sixty for fifty), 0 wrong actions with session 20's checks (EXPERIMENTS, session 20). Last, for the sentences drawn above.
        new(IntentNames.LightSet, "set [the] brightness of [the] {name} to {number} percent", Light),
        // Home Assistant's question for a sensor's reading (HassGetState name_only): "what is the value of outdoor humidity".
        // Last, for the sentences drawn above.
        new(IntentNames.GetState, "what is [the] value of [the] {name}", ["sensor"]),
    ];

    /// <summary>
    /// The devices a template acts on (those it applies to; for a <see cref="SentenceTemplate.Here"/> one, those in the
    /// satellite's area), or null when the grammar does not say it: one for a kind of device that no device allows, a <see cref="SentenceTemplate.Here"/> or
    /// <see cref="SentenceTemplate.OnDevice"/> one without the template tier (<paramref name="templates"/>), a Here one
    /// with nothing in the area, a <see cref="SentenceTemplate.Timer"/> one without <paramref name="timers"/>.
    /// </summary>
    public static IReadOnlyList<DeviceOptions>? Targets(SentenceTemplate t, IEnumerable<DeviceOptions> devices, TemplateTier? templates, bool timers = false)
    {
        if ((t.Here || t.OnDevice) && templates is null || t.Timer && !timers) return null;
        var targets = devices.Where(d => t.AppliesTo(d) &&
            (!t.Here || templates!.SatelliteArea.Length > 0 && string.Equals(d.Area, templates.SatelliteArea, StringComparison.OrdinalIgnoreCase))).ToList();
        // A sentence for a kind of device ("what's the temperature") is said only when such a device allows it.
        return (t.Here || t.DeviceTypes is not null) && targets.Count == 0 ? null : targets;
    }

    public static readonly string[] Units = ["seconds", "minutes", "hours", "second", "minute", "hour"];

    /// <summary>Home Assistant's colour names (its <c>color</c> list): the only colours a light is ever set to.</summary>
    public static readonly string[] Colors = ["white", "black", "red", "orange", "yellow", "green", "blue", "purple", "brown", "pink", "turquoise"];

    /// <summary>Home Assistant's cover device classes as said in the plural ("open the blinds in the office").</summary>
    public static readonly IReadOnlyDictionary<string, string> CoverKinds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["awning"] = "awnings", ["blind"] = "blinds", ["curtain"] = "curtains", ["door"] = "doors", ["garage"] = "garage doors",
        ["gate"] = "gates", ["shade"] = "shades", ["shutter"] = "shutters", ["window"] = "windows",
    };

    /// <summary>What a device lets a device slot say: its names, its area, its names in its area, its kind in its area; none: the template does not apply.</summary>
    public static IEnumerable<string> SlotValues(string slot, DeviceOptions d) => slot switch
    {
        "name" => d.SpokenNames(),
        "area" => d.Area.Length > 0 ? [d.Area] : [],
        "name_in_area" => d.Area.Length > 0 ? d.SpokenNames().Select(n => $"{n} in the {d.Area}") : [],
        "kind_in_area" => d.Area.Length > 0 && d.DeviceClass is { } c && CoverKinds.TryGetValue(c, out var kind) ? [$"{kind} in the {d.Area}"] : [],
        _ => [],
    };

    /// <summary>The slots filled from devices (the others are numbers, units and colours).</summary>
    public static readonly string[] DeviceSlots = ["name", "area", "name_in_area", "kind_in_area"];
}
