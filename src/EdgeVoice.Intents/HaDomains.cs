using EdgeVoice.Core;

namespace EdgeVoice.Intents;

/// <summary>
/// Default actions and MQTT payloads per Home Assistant domain, following HA's MQTT conventions (ON/OFF,
/// OPEN/CLOSE, LOCK/UNLOCK, vacuum and media commands; numbers as the project's JSON objects). A device whose
/// <c>Type</c> is one of these domains needs no Actions or Payloads; those it gives override these. Adding a domain
/// is one entry here.
/// </summary>
public static class HaDomains
{
    /// <param name="Confirm">Actions asked about first unless the device sets DomainConfirm false; with a device class, only for it.</param>
    sealed record Domain(string[] Actions, Dictionary<string, string> Payloads, string[]? Confirm = null, string? ConfirmClass = null);

    static readonly string[] OnOff = [IntentNames.TurnOn, IntentNames.TurnOff, IntentNames.GetState];
    static readonly Dictionary<string, string> OnOffPayloads = new() { [IntentNames.TurnOn] = "ON", [IntentNames.TurnOff] = "OFF" };
    static readonly Dictionary<string, string> OpenClose = new()
    {
        [IntentNames.TurnOn] = "OPEN", [IntentNames.TurnOff] = "CLOSE", [IntentNames.SetPosition] = "{\"position\":{position}}",
    };

    static readonly Dictionary<string, Domain> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["light"] = new([.. OnOff, IntentNames.LightSet], new()
        {
            [IntentNames.TurnOn] = "{\"state\":\"ON\"}", [IntentNames.TurnOff] = "{\"state\":\"OFF\"}",
            [IntentNames.LightSet] = "{\"state\":\"ON\",\"brightness\":{brightness}}",
            // Sent only to a light configured with "Color": true; {color} is one of HA's colour names.
            [IntentNames.LightSetColorPayload] = "{\"state\":\"ON\",\"color\":\"{color}\"}",
        }),
        ["switch"] = new(OnOff, OnOffPayloads),
        ["fan"] = new(OnOff, OnOffPayloads),
        ["input_boolean"] = new(OnOff, OnOffPayloads),
        // Opening a garage door lets anyone in: asked first, as HA does.
        ["cover"] = new([.. OnOff, IntentNames.SetPosition], OpenClose, [IntentNames.TurnOn], "garage"),
        ["valve"] = new([.. OnOff, IntentNames.SetPosition], OpenClose),
        // HA locks a lock with HassTurnOn and unlocks it with HassTurnOff.
        ["lock"] = new(OnOff, new() { [IntentNames.TurnOn] = "LOCK", [IntentNames.TurnOff] = "UNLOCK" }, [IntentNames.TurnOff]),
        ["climate"] = new([IntentNames.ClimateSetTemperature, IntentNames.ClimateGetTemperature, .. OnOff], new()
        {
            [IntentNames.ClimateSetTemperature] = "{\"temperature\":{temperature}}",
            [IntentNames.TurnOn] = "{\"mode\":\"heat\"}", [IntentNames.TurnOff] = "{\"mode\":\"off\"}",
        }),
        ["scene"] = new([IntentNames.TurnOn], new() { [IntentNames.TurnOn] = "ON" }),
        ["script"] = new([IntentNames.TurnOn], new() { [IntentNames.TurnOn] = "ON" }),
        ["vacuum"] = new(["HassVacuumStart", "HassVacuumReturnToBase"], new() { ["HassVacuumStart"] = "start", ["HassVacuumReturnToBase"] = "return_to_base" }),
        ["media_player"] = new(["HassMediaPause", "HassMediaUnpause", "HassMediaNext", "HassMediaPrevious", "HassSetVolume"], new()
        {
            ["HassMediaPause"] = "pause", ["HassMediaUnpause"] = "play", ["HassMediaNext"] = "next", ["HassMediaPrevious"] = "previous",
            ["HassSetVolume"] = "{\"volume\":{volume}}",
        }),
        // The item is the one text slot a payload takes: PayloadTemplate writes it as a JSON string.
        ["todo"] = new([Lists.AddItem, Lists.CompleteItem], new()
        {
            [Lists.AddItem] = "{\"action\":\"add_item\",\"item\":{item}}", [Lists.CompleteItem] = "{\"action\":\"complete_item\",\"item\":{item}}",
        }),
        ["sensor"] = new([IntentNames.GetState], []),
        ["binary_sensor"] = new([IntentNames.GetState], []),
    };

    public static bool IsDomain(string type) => Table.ContainsKey(type);

    /// <summary>Fills in the domain's actions when none are configured and each missing payload.</summary>
    public static void ApplyDefaults(DeviceOptions device)
    {
        if (!Table.TryGetValue(device.Type, out var d)) return;
        if (device.Actions.Count == 0) device.Actions.AddRange(d.Actions);
        foreach (var (action, payload) in d.Payloads) device.Payloads.TryAdd(action, payload);
        if (device.DomainConfirm && d.Confirm is { } ask && (d.ConfirmClass is null || IsClass(device, d.ConfirmClass)))
            foreach (var action in ask.Where(a => !device.Confirm.Contains(a))) device.Confirm.Add(action);
    }

    /// <summary>The configured device class, else a spoken name that says it ("garage door").</summary>
    static bool IsClass(DeviceOptions device, string deviceClass) => device.DeviceClass is { } dc
        ? string.Equals(dc, deviceClass, StringComparison.OrdinalIgnoreCase)
        : device.SpokenNames().Any(n => n.Contains(deviceClass, StringComparison.OrdinalIgnoreCase));
}
