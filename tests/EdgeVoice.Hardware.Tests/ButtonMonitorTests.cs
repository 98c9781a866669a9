using System.Device.Gpio;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeVoice.Hardware.Tests;

public class ButtonMonitorTests
{
    const int Pin = 17;
    readonly SimulatedGpioDriver _driver = new();
    readonly ManualTime _time = new();
    readonly EventBus _bus = new();
    readonly List<string> _pressed = [];

    ButtonMonitor Open(GpioController gpio, bool activeLow = true)
    {
        _bus.Subscribe(e => { if (e is ButtonPressed b) lock (_pressed) _pressed.Add(b.Button); });
        return new ButtonMonitor(gpio, Pin, activeLow, TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(1500),
            "talk", _bus, _time, NullLogger.Instance);
    }

    [Fact]
    public void Active_low_button_uses_pull_up_and_idles_high()
    {
        using var gpio = new GpioController(_driver);
        using var button = Open(gpio);
        Assert.Equal(PinMode.InputPullUp, gpio.GetPinMode(Pin));
        Assert.Equal(PinValue.High, gpio.Read(Pin));
        Assert.Empty(_pressed);
    }

    [Fact]
    public void Press_publishes_ButtonPressed_through_GpioController()
    {
        using var gpio = new GpioController(_driver);
        using var button = Open(gpio);
        _driver.SetInput(Pin, PinValue.Low);
        Assert.Equal(["talk"], _pressed);
        Assert.Equal(PinValue.Low, gpio.Read(Pin));
    }

    [Fact]
    public void Contact_bounce_is_dropped_and_next_real_press_counts()
    {
        using var gpio = new GpioController(_driver);
        using var button = Open(gpio);
        _driver.SetInput(Pin, PinValue.Low);
        foreach (var v in new[] { PinValue.High, PinValue.Low, PinValue.High, PinValue.Low })
        {
            _time.Advance(3);
            _driver.SetInput(Pin, v);
        }
        Assert.Equal(["talk"], _pressed);
        Assert.Equal(4, button.BouncesDropped);

        _time.Advance(200); _driver.SetInput(Pin, PinValue.High); // release
        _time.Advance(200); _driver.SetInput(Pin, PinValue.Low);  // second press
        Assert.Equal(["talk", "talk"], _pressed);
    }

    [Fact]
    public void Long_press_adds_mute_on_release_short_press_does_not()
    {
        using var gpio = new GpioController(_driver);
        using var button = Open(gpio);
        _driver.SetInput(Pin, PinValue.Low);
        _time.Advance(300);
        _driver.SetInput(Pin, PinValue.High);
        Assert.Equal(["talk"], _pressed);

        _time.Advance(300);
        _driver.SetInput(Pin, PinValue.Low);
        _time.Advance(1600);
        _driver.SetInput(Pin, PinValue.High);
        Assert.Equal(["talk", "talk", "mute"], _pressed);
    }

    [Fact]
    public void Active_high_button_presses_on_rising_edge()
    {
        using var gpio = new GpioController(_driver);
        using var button = Open(gpio, activeLow: false);
        _driver.SetInput(Pin, PinValue.High);
        Assert.Equal(["talk"], _pressed);
        _time.Advance(100);
        _driver.SetInput(Pin, PinValue.Low);
        Assert.Equal(["talk"], _pressed);
    }

    [Fact]
    public void Dispose_closes_the_pin_and_stops_events()
    {
        using var gpio = new GpioController(_driver);
        Open(gpio).Dispose();
        Assert.False(gpio.IsPinOpen(Pin));
        _driver.SetInput(Pin, PinValue.Low);
        Assert.Empty(_pressed);
    }
}
