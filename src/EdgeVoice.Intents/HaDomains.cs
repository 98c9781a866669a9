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
    sealed record Domain(string[] Actions, Dictionary<string, string> Payloads);

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
        }),
        ["switch"] = new(OnOff, OnOffPayloads),
        ["fan"] = new(OnOff, OnOffPayloads),
        ["input_boolean"] = new(OnOff, OnOffPayloads),
        ["cover"] = new([.. OnOff, IntentNames.SetPosition], OpenClose),
        ["valve"] = new([.. OnOff, IntentNames.SetPosition], OpenClose),
        // HA locks a lock with HassTurnOn and unlocks it with HassTurnOff.
        ["lock"] = new(OnOff, new() { [IntentNames.TurnOn] = "LOCK", [IntentNames.TurnOff] = "UNLOCK" }),
        ["climate"] = new([IntentNames.ClimateSetTemperature, .. OnOff], new()
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
    }
}
