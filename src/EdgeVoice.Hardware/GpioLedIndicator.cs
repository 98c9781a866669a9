using System.Device.Gpio;

namespace EdgeVoice.Hardware;

/// <summary>
/// Plain LEDs on GPIO: red/green/blue pins (three LEDs or one common-cathode RGB LED).
/// Yellow is red+green. With only one LED wired, the patterns still differ by blinking.
/// </summary>
public sealed class GpioLedIndicator : ILedIndicator
{
    readonly GpioController _gpio;
    readonly int[] _pins; // red, green, blue; -1 = not wired
    readonly bool _activeLow;

    public GpioLedIndicator(GpioController gpio, int redPin, int greenPin, int bluePin, bool activeLow = false)
    {
        _gpio = gpio;
        _pins = [redPin, greenPin, bluePin];
        _activeLow = activeLow;
        foreach (var p in _pins.Where(p => p >= 0))
        {
            _gpio.OpenPin(p, PinMode.Output);
            _gpio.Write(p, Level(false));
        }
    }

    PinValue Level(bool on) => on ^ _activeLow ? PinValue.High : PinValue.Low;

    public void Render(LedPattern pattern, int tick)
    {
        bool blinkOn = tick % 2 == 0;
        var (r, g, b) = pattern switch
        {
            LedPattern.Listening => (false, false, true),
            LedPattern.Thinking => (blinkOn, blinkOn, false),
            LedPattern.Speaking => (false, true, false),
            LedPattern.Error => (blinkOn, false, false),
            LedPattern.Muted => (true, false, false),
            _ => (false, false, false), // idle and off: dark, a plain LED has no dim level
        };
        Set(0, r); Set(1, g); Set(2, b);
    }

    void Set(int i, bool on)
    {
        if (_pins[i] >= 0) _gpio.Write(_pins[i], Level(on));
    }

    public void Dispose()
    {
        foreach (var p in _pins.Where(p => p >= 0 && _gpio.IsPinOpen(p)))
        {
            _gpio.Write(p, Level(false));
            _gpio.ClosePin(p);
        }
    }
}
