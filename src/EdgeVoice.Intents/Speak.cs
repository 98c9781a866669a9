using System.Globalization;
using EdgeVoice.Core;

namespace EdgeVoice.Intents;

/// <summary>Short spoken replies.</summary>
public static class Speak
{
    public static string Confirmation(string action, IReadOnlyList<DeviceOptions> devices, IReadOnlyDictionary<string, object> slots)
    {
        var names = devices.Count == 1 ? "the " + devices[0].Name : string.Join(", ", devices.Select(d => d.Name).SkipLast(1)) + " and " + devices[^1].Name;
        string N(string k) => Convert.ToString(slots.GetValueOrDefault(k), CultureInfo.InvariantCulture) ?? "";
        bool cover = devices[0].Type == "cover";
        return action switch
        {
            IntentNames.TurnOn when devices[0].Type == "lock" => $"Locking {names}.",
            IntentNames.TurnOff when devices[0].Type == "lock" => $"Unlocking {names}.",
            IntentNames.TurnOn when devices[0].Type is "script" or "scene" => $"Activating {names}.",
            IntentNames.TurnOn => cover ? $"Opening {names}." : $"Turning on {names}.",
            IntentNames.TurnOff => cover ? $"Closing {names}." : $"Turning off {names}.",
            IntentNames.LightSet when slots.ContainsKey("color") => $"Setting {names} to {N("color")}.",
            IntentNames.LightSet => $"Setting {names} to {N("brightness")} percent.",
            IntentNames.SetPosition => $"Setting {names} to {N("position")} percent.",
            IntentNames.ClimateSetTemperature => $"Setting {names} to {N("temperature")} degrees.",
            IntentNames.GetState or IntentNames.ClimateGetTemperature => $"Checking {names}.",
            IntentNames.MediaPause => $"Pausing {names}.",
            IntentNames.MediaUnpause => $"Resuming {names}.",
            IntentNames.MediaNext => $"Skipping to the next track on {names}.",
            _ => "Done.",
        };
    }
}
