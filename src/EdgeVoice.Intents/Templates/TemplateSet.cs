namespace EdgeVoice.Intents.Templates;

/// <summary>What a context key must be: any value, one of <see cref="Values"/>; <see cref="ToSlot"/> copies it into the slot of that name.</summary>
public sealed record ContextRule(string Key, string[]? Values, bool ToSlot = false);

/// <summary>One <c>data:</c> block: sentences that share an intent, fixed slots, context rules, local rules and lists.</summary>
public sealed class IntentData
{
    public required string Intent { get; init; }
    public required IReadOnlyList<string> Sentences { get; init; }
    public string? Response { get; init; }
    public Dictionary<string, object> Slots { get; init; } = [];
    public List<ContextRule> RequiresContext { get; init; } = [];
    public List<ContextRule> ExcludesContext { get; init; } = [];
    public Dictionary<string, string> Rules { get; init; } = [];
    public Dictionary<string, SlotList> Lists { get; init; } = [];
    /// <summary>Where it was read, for error messages.</summary>
    public string Source { get; init; } = "";
}

/// <summary>A language's templates as read from YAML: the intents' data blocks plus the shared lists, rules and skip words.</summary>
public sealed class TemplateSet
{
    public List<IntentData> Data { get; } = [];
    public Dictionary<string, SlotList> Lists { get; } = [];
    public Dictionary<string, string> Rules { get; } = [];
    public List<string> SkipWords { get; } = [];
}

/// <summary>The home the templates are matched against: the names behind <c>{name}</c>, <c>{area}</c> and <c>{floor}</c>.</summary>
public sealed class TemplateHome
{
    public sealed record Floor(string Id, string Name);
    public sealed record Area(string Id, string Name, string? FloorId = null);
    /// <summary>An entity; <paramref name="Name"/> may be a template ("Trader Joe[']s"), <paramref name="Domain"/> is HA's ("light").</summary>
    public sealed record Entity(string Id, string Name, string Domain, string? AreaId = null, string? DeviceClass = null);

    public List<Floor> Floors { get; } = [];
    public List<Area> Areas { get; } = [];
    public List<Entity> Entities { get; } = [];
}
