using System.Device.Gpio;

namespace EdgeVoice.Hardware;

/// <summary>
/// In-memory GPIO chip behind the real <see cref="GpioController"/>: tests and the "simulated" mode drive
/// input edges with <see cref="SetInput"/> and read what the controller wrote with <see cref="GetValue"/>.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    readonly object _gate = new();
    readonly Dictionary<int, PinMode> _modes = [];
    readonly Dictionary<int, PinValue> _values = [];
    readonly Dictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = [];

    public SimulatedGpioDriver(int pinCount = 64) => PinCount = pinCount;

    protected override int PinCount { get; }

    /// <summary>Every value written to an output pin, in order, for asserting sequences.</summary>
    public List<(int Pin, PinValue Value)> Writes { get; } = [];

    public bool IsOpen(int pin) { lock (_gate) return _modes.ContainsKey(pin); }

    public PinValue GetValue(int pin) { lock (_gate) return _values.GetValueOrDefault(pin, PinValue.Low); }

    /// <summary>Changes an input level as the outside world would, raising edge callbacks like a real chip.</summary>
    public void SetInput(int pin, PinValue value)
    {
        List<(PinEventTypes, PinChangeEventHandler)> targets;
        lock (_gate)
        {
            var old = _values.GetValueOrDefault(pin, DefaultLevel(pin));
            _values[pin] = value;
            if (old == value) return;
            targets = [.. _callbacks.GetValueOrDefault(pin) ?? []];
        }
        var edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        foreach (var (types, handler) in targets)
            if ((types & edge) != 0) handler(this, new PinValueChangedEventArgs(edge, pin));
    }

    PinValue DefaultLevel(int pin) =>
        _modes.GetValueOrDefault(pin) == PinMode.InputPullUp ? PinValue.High : PinValue.Low;

    void Check(int pin)
    {
        if (pin < 0 || pin >= PinCount) throw new ArgumentOutOfRangeException(nameof(pin), $"GPIO {pin} is outside 0..{PinCount - 1}.");
    }

    protected override void OpenPin(int pinNumber)
    {
        Check(pinNumber);
        lock (_gate) _modes.TryAdd(pinNumber, PinMode.Input);
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate) { _modes.Remove(pinNumber); _callbacks.Remove(pinNumber); }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            _modes[pinNumber] = mode;
            // A pull-up makes an idle (unpressed, active-low) button read high, like the hardware.
            if (mode == PinMode.InputPullUp && !_values.ContainsKey(pinNumber)) _values[pinNumber] = PinValue.High;
        }
    }

    protected override PinMode GetPinMode(int pinNumber) { lock (_gate) return _modes.GetValueOrDefault(pinNumber, PinMode.Input); }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => GetValue(pinNumber);

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate) { _values[pinNumber] = value; Writes.Add((pinNumber, value)); }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        using var got = new ManualResetEventSlim();
        PinEventTypes seen = PinEventTypes.None;
        PinChangeEventHandler h = (_, e) => { seen = e.ChangeType; got.Set(); };
        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, h);
        try
        {
            got.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = seen, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally { RemoveCallbackForPinValueChangedEvent(pinNumber, h); }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (!_callbacks.TryGetValue(pinNumber, out var list)) _callbacks[pinNumber] = list = [];
            list.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate) _callbacks.GetValueOrDefault(pinNumber)?.RemoveAll(c => c.Handler == callback);
    }
}
