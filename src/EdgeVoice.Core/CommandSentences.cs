namespace EdgeVoice.Core;

/// <summary>
/// A command sentence pattern. Syntax (JSGF-like, so the grammar recogniser can compile it directly):
/// words, (a | b) alternatives, [optional], and slots {name} (a configured device's name or alias),
/// {area}, {number} (spoken 0..100, "twenty one", "one hundred"), {unit} (seconds | minutes | hours).
/// </summary>
public sealed record SentenceTemplate(string Intent, string Pattern, string[]? DeviceTypes = null)
{
    public bool AppliesTo(DeviceOptions d) =>
        d.Allows(Intent) && (DeviceTypes is null || DeviceTypes.Contains(d.Type, StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// The one list of command phrasings that both the grammar recogniser (Speech) and the rule matcher
/// (Intents) are built from, so that anything the grammar can hear the rules can parse.
/// Templates with {name} expand per device that allows the intent; {area} templates expand per area and
/// act on every device there that allows the intent; templates with neither need no device.
/// </summary>
public static class CommandSentences
{
    static readonly string[] Cover = ["cover"];
    static readonly string[] NotCover = ["light", "switch", "fan", "climate", "conveyor", "press"];

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
    ];

    public static readonly string[] Units = ["seconds", "minutes", "hours", "second", "minute", "hour"];
}
