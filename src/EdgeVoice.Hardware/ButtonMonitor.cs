using System.Device.Gpio;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Hardware;

/// <summary>
/// Debounced push button through <see cref="GpioController"/> edge callbacks. A press publishes
/// <c>ButtonPressed(name)</c> at once (push-to-talk feels instant); a release after a long hold also
/// publishes <c>ButtonPressed("mute")</c>, which toggles mute.
/// </summary>
public sealed class ButtonMonitor : IDisposable
{
    public const string MuteButton = "mute";

    readonly GpioController _gpio;
    readonly int _pin;
    readonly bool _activeLow;
    readonly TimeSpan _debounce, _longPress;
    readonly string _name;
    readonly IEventBus _bus;
    readonly TimeProvider _time;
    readonly ILogger _log;
    readonly object _gate = new();
    long _lastEdge = long.MinValue, _pressStart;
    bool _pressed;

    public ButtonMonitor(GpioController gpio, int pin, bool activeLow, TimeSpan debounce, TimeSpan longPress,
        string name, IEventBus bus, TimeProvider time, ILogger log)
    {
        (_gpio, _pin, _activeLow, _debounce, _longPress, _name, _bus, _time, _log) =
            (gpio, pin, activeLow, debounce, longPress, name, bus, time, log);
        var mode = activeLow ? PinMode.InputPullUp : PinMode.InputPullDown;
        if (!gpio.IsPinModeSupported(pin, mode)) mode = PinMode.Input; // external resistor expected then
        gpio.OpenPin(pin, mode);
        gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, OnEdge);
    }

    /// <summary>Edges ignored as contact bounce (for diagnostics and tests).</summary>
    public int BouncesDropped { get; private set; }

    void OnEdge(object sender, PinValueChangedEventArgs e)
    {
        bool pressedEdge = e.ChangeType == (_activeLow ? PinEventTypes.Falling : PinEventTypes.Rising);
        var now = _time.GetTimestamp();
        VoiceEvent? toPublish = null;
        lock (_gate)
        {
            if (_lastEdge != long.MinValue && _time.GetElapsedTime(_lastEdge, now) < _debounce)
            {
                BouncesDropped++;
                return;
            }
            if (pressedEdge)
            {
                // A press while we think it is already down means a release was lost in a bounce: take it as a new press.
                _pressed = true;
                _pressStart = now;
                _lastEdge = now;
                toPublish = new ButtonPressed(_name);
            }
            else if (_pressed)
            {
                _pressed = false;
                _lastEdge = now;
                var held = _time.GetElapsedTime(_pressStart, now);
                if (held >= _longPress) toPublish = new ButtonPressed(MuteButton);
            }
        }
        if (toPublish is null) return;
        _log.LogInformation("Button on GPIO {Pin}: {Button}", _pin, ((ButtonPressed)toPublish).Button);
        _bus.Publish(toPublish);
    }

    public void Dispose()
    {
        if (!_gpio.IsPinOpen(_pin)) return;
        _gpio.UnregisterCallbackForPinValueChangedEvent(_pin, OnEdge);
        _gpio.ClosePin(_pin);
    }
}
