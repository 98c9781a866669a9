namespace EdgeVoice.Core;

/// <summary>
/// One controllable device from configuration. This list is the allowlist: the intent stage may only
/// name these ids and actions, and the MQTT stage only publishes to these command topics.
/// </summary>
public sealed class DeviceOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Aliases { get; set; } = [];
    public string Area { get; set; } = "";
    /// <summary>light, switch, fan, climate, cover, sensor, conveyor, press, ...</summary>
    public string Type { get; set; } = "switch";
    /// <summary>Allowed HA intent names, e.g. HassTurnOn, HassTurnOff, HassLightSet, HassGetState.</summary>
    public List<string> Actions { get; set; } = [];
    public string CommandTopic { get; set; } = "";
    /// <summary>Retained state topic for questions like "is the garage door open".</summary>
    public string? StateTopic { get; set; }
    /// <summary>Payload per action; {placeholders} are filled from slots, e.g. {"state":"ON","brightness":{brightness}}.</summary>
    public Dictionary<string, string> Payloads { get; set; } = [];
    /// <summary>Actions that need a spoken confirmation turn (a press, a door lock).</summary>
    public List<string> Confirm { get; set; } = [];
    /// <summary>False: the domain's own confirmations (unlocking a lock, opening a garage door) are not asked.</summary>
    public bool DomainConfirm { get; set; } = true;
    /// <summary>Home Assistant device class, e.g. garage, door, window, blind (covers).</summary>
    public string? DeviceClass { get; set; }
    /// <summary>A light that takes a colour (<see cref="CommandSentences.Colors"/>): "set the bed light to red".</summary>
    public bool Color { get; set; }

    public IEnumerable<string> SpokenNames() => new[] { Name }.Concat(Aliases).Where(n => n.Length > 0);
    public bool Allows(string action) => Actions.Contains(action, StringComparer.Ordinal);
}
