namespace EdgeVoice.Core;

/// <summary>Home Assistant intent names used by EdgeVoice.</summary>
public static class IntentNames
{
    public const string TurnOn = "HassTurnOn";
    public const string TurnOff = "HassTurnOff";
    public const string LightSet = "HassLightSet";
    public const string ClimateSetTemperature = "HassClimateSetTemperature";
    public const string GetState = "HassGetState";
    /// <summary>A thermostat's measured temperature, not its set point (Home Assistant's definition).</summary>
    public const string ClimateGetTemperature = "HassClimateGetTemperature";
    public const string StartTimer = "HassStartTimer";
    /// <summary>Cover position in percent (blinds). On covers HassTurnOn opens and HassTurnOff closes, as in HA.</summary>
    public const string SetPosition = "HassSetPosition";
    public const string MediaPause = "HassMediaPause", MediaUnpause = "HassMediaUnpause", MediaNext = "HassMediaNext";
    /// <summary>Payload key of a light's colour (<see cref="LightSet"/> with a <c>color</c> slot): another payload than its brightness.</summary>
    public const string LightSetColorPayload = "HassLightSetColor";
    public const string CancelTimer = "HassCancelTimer", CancelAllTimers = "HassCancelAllTimers", PauseTimer = "HassPauseTimer",
        UnpauseTimer = "HassUnpauseTimer", TimerStatus = "HassTimerStatus", IncreaseTimer = "HassIncreaseTimer", DecreaseTimer = "HassDecreaseTimer";

    /// <summary>Timers run on this device: no configured device is involved.</summary>
    public static readonly IReadOnlyList<string> Timers =
        [StartTimer, CancelTimer, CancelAllTimers, PauseTimer, UnpauseTimer, TimerStatus, IncreaseTimer, DecreaseTimer];

    public static readonly IReadOnlyList<string> All =
        [TurnOn, TurnOff, LightSet, ClimateSetTemperature, GetState, ClimateGetTemperature, SetPosition, .. Timers];

    /// <summary>Intents that only ask: they are answered, never sent to a device, and never need a yes.</summary>
    public static bool IsQuestion(string intent) => intent is GetState or ClimateGetTemperature;

    /// <summary>Answers, questions and a timer's status: nothing to ask back before, nothing that drops an open question.</summary>
    public static bool ChangesNothing(string intent) => IsQuestion(intent) || intent == TimerStatus;
}

/// <summary>Slot ranges that every tier and the Home Assistant announcement agree on.</summary>
public static class SlotLimits
{
    /// <summary>Thermostat set points, °C.</summary>
    public const double MinTemperature = 5, MaxTemperature = 35;

    /// <summary>A to-do item is free text that ends up in a payload: at most this many characters.</summary>
    public const int MaxItemChars = 100;

    /// <summary>A to-do item as it may be sent: control and format characters (bidi overrides) as spaces, single spaces, trimmed; null when
    /// empty or longer than <see cref="MaxItemChars"/>.</summary>
    public static string? ListItem(string? text)
    {
        if (text is null) return null;
        var words = new string([.. text.Select(c => char.IsControl(c) || char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? ' ' : c)])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var item = string.Join(' ', words);
        return item.Length is > 0 and <= MaxItemChars ? item : null;
    }
}
