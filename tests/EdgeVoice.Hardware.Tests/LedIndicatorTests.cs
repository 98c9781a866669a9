using System.Device.Gpio;
using System.Device.Spi;
using System.Drawing;

namespace EdgeVoice.Hardware.Tests;

public class LedIndicatorTests
{
    const int R = 5, G = 6, B = 13;

    static (bool R, bool G, bool B) Pins(SimulatedGpioDriver d) =>
        (d.GetValue(R) == PinValue.High, d.GetValue(G) == PinValue.High, d.GetValue(B) == PinValue.High);

    [Fact]
    public void Gpio_leds_follow_each_pattern()
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        using var leds = new GpioLedIndicator(gpio, R, G, B);
        Assert.Equal(PinMode.Output, gpio.GetPinMode(R));

        leds.Render(LedPattern.Listening, 0); Assert.Equal((false, false, true), Pins(driver));
        leds.Render(LedPattern.Speaking, 0); Assert.Equal((false, true, false), Pins(driver));
        leds.Render(LedPattern.Muted, 1); Assert.Equal((true, false, false), Pins(driver));
        leds.Render(LedPattern.Idle, 0); Assert.Equal((false, false, false), Pins(driver));
        // Thinking is yellow (red+green) blinking; error is red blinking.
        leds.Render(LedPattern.Thinking, 0); Assert.Equal((true, true, false), Pins(driver));
        leds.Render(LedPattern.Thinking, 1); Assert.Equal((false, false, false), Pins(driver));
        leds.Render(LedPattern.Error, 0); Assert.Equal((true, false, false), Pins(driver));
        leds.Render(LedPattern.Error, 1); Assert.Equal((false, false, false), Pins(driver));
    }

    [Fact]
    public void Active_low_leds_invert_levels_and_unwired_pins_are_skipped()
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        using (var leds = new GpioLedIndicator(gpio, R, -1, B, activeLow: true))
        {
            leds.Render(LedPattern.Listening, 0);
            Assert.Equal(PinValue.High, driver.GetValue(R)); // off
            Assert.Equal(PinValue.Low, driver.GetValue(B));  // on
            Assert.False(gpio.IsPinOpen(G));
        }
        Assert.False(gpio.IsPinOpen(B));
    }

    public static TheoryData<LedPattern, int, int, int> SolidColors => new()
    {
        { LedPattern.Listening, 0, 0, 255 },
        { LedPattern.Speaking, 0, 255, 0 },
        { LedPattern.Muted, 255, 0, 0 },
        { LedPattern.Idle, 24, 24, 24 },
        { LedPattern.Off, 0, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(SolidColors))]
    public void Apa102_frame_has_the_state_colour_on_every_led(LedPattern pattern, int r, int g, int b)
    {
        var spi = new SimulatedSpiDevice(new SpiConnectionSettings(0, 1));
        using var leds = new Apa102LedIndicator(spi, 3, 255);
        leds.Render(pattern, 0);
        var px = Apa102Frame.Decode(spi.LastWrite!, 3);
        Assert.All(px, p => Assert.Equal((r, g, b), (p.R, p.G, p.B)));
        Assert.All(px, p => Assert.Equal(r + g + b == 0 ? 0 : 31, p.Brightness));
    }

    [Fact]
    public void Apa102_thinking_spins_one_yellow_pixel_and_error_blinks_red()
    {
        var spi = new SimulatedSpiDevice(new SpiConnectionSettings(0, 1));
        using var leds = new Apa102LedIndicator(spi, 3, 255);
        for (int tick = 0; tick < 4; tick++)
        {
            leds.Render(LedPattern.Thinking, tick);
            var px = Apa102Frame.Decode(spi.LastWrite!, 3);
            for (int i = 0; i < 3; i++)
                Assert.Equal(i == tick % 3 ? (255, 255, 0) : (0, 0, 0), (px[i].R, px[i].G, px[i].B));
        }
        leds.Render(LedPattern.Error, 0);
        Assert.All(Apa102Frame.Decode(spi.LastWrite!, 3), p => Assert.Equal((255, 0, 0), (p.R, p.G, p.B)));
        leds.Render(LedPattern.Error, 1);
        Assert.All(Apa102Frame.Decode(spi.LastWrite!, 3), p => Assert.Equal((0, 0, 0), (p.R, p.G, p.B)));
    }

    [Fact]
    public void Apa102_brightness_option_scales_the_global_brightness_bits()
    {
        var spi = new SimulatedSpiDevice(new SpiConnectionSettings(0, 1));
        using var leds = new Apa102LedIndicator(spi, 3, 64);
        leds.Render(LedPattern.Listening, 0);
        Assert.All(Apa102Frame.Decode(spi.LastWrite!, 3), p => Assert.Equal(64 >> 3, p.Brightness));
    }
}

/// <summary>Decodes an APA102 SPI frame per the datasheet: 4 zero bytes, then per LED 0b111bbbbb, blue, green, red.</summary>
static class Apa102Frame
{
    public record struct Pixel(int Brightness, int R, int G, int B);

    public static Pixel[] Decode(byte[] frame, int count)
    {
        Assert.True(frame.Length >= 4 + 4 * count, $"frame of {frame.Length} bytes is too short for {count} LEDs");
        Assert.Equal(new byte[4], frame[..4]);
        var px = new Pixel[count];
        for (int i = 0; i < count; i++)
        {
            var o = 4 + 4 * i;
            Assert.Equal(0b111, frame[o] >> 5);
            px[i] = new Pixel(frame[o] & 0x1F, frame[o + 3], frame[o + 2], frame[o + 1]);
        }
        return px;
    }
}
