using System.Device.Spi;
using System.Drawing;
using Iot.Device.Apa102;

namespace EdgeVoice.Hardware;

/// <summary>APA102 RGB LEDs over SPI (ReSpeaker 2-mic HAT: 3 LEDs on SPI0.1) through Iot.Device.Apa102.</summary>
public sealed class Apa102LedIndicator : ILedIndicator
{
    readonly SpiDevice _spi;
    readonly Apa102 _leds;
    readonly int _count;
    readonly byte _brightness;

    public static readonly Color IdleColor = Color.FromArgb(24, 24, 24);

    public Apa102LedIndicator(SpiDevice spi, int count, int brightness)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "Hardware:LedCount must be at least 1.");
        _spi = spi;
        _count = count;
        _brightness = (byte)Math.Clamp(brightness, 0, 255);
        _leds = new Apa102(spi, count);
    }

    public void Render(LedPattern pattern, int tick)
    {
        bool blinkOn = tick % 2 == 0;
        for (int i = 0; i < _count; i++)
        {
            var c = pattern switch
            {
                LedPattern.Idle => IdleColor,
                LedPattern.Listening => Color.Blue,
                // One yellow pixel walks around the ring so "busy" is visible at a glance.
                LedPattern.Thinking => i == tick % _count ? Color.Yellow : Color.Black,
                LedPattern.Speaking => Color.Lime,
                LedPattern.Error => blinkOn ? Color.Red : Color.Black,
                LedPattern.Muted => Color.Red,
                _ => Color.Black,
            };
            _leds.Pixels[i] = Color.FromArgb(c.R + c.G + c.B == 0 ? 0 : _brightness, c.R, c.G, c.B);
        }
        _leds.Flush();
    }

    public void Dispose()
    {
        try { Render(LedPattern.Off, 0); } catch (IOException) { }
        _leds.Dispose();
        _spi.Dispose();
    }
}
