using System.Device.Gpio;
using System.Device.Spi;
using System.Diagnostics;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging.Abstractions;

using EdgeVoice.Hardware;

namespace EdgeVoice.Bench;

/// <summary>medians of button edge→event and LED frame cost (simulated chip/SPI).</summary>
public static class HardwareBench
{
    public static void Run(TextWriter output, int iterations = 2000)
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        var bus = new EventBus();
        long publishedAt = 0;
        bus.Subscribe(e => { if (e is ButtonPressed) publishedAt = Stopwatch.GetTimestamp(); });
        using var button = new ButtonMonitor(gpio, 17, true, TimeSpan.Zero, TimeSpan.FromSeconds(10), "talk", bus,
            TimeProvider.System, NullLogger.Instance);
        var edge = new List<double>(iterations);
        for (int i = 0; i < iterations; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            driver.SetInput(17, PinValue.Low);
            edge.Add(Stopwatch.GetElapsedTime(t0, publishedAt).TotalMicroseconds);
            driver.SetInput(17, PinValue.High);
        }

        var spi = new SimulatedSpiDevice(new SpiConnectionSettings(0, 1));
        using var apa = new Apa102LedIndicator(spi, 3, 64);
        using var plain = new GpioLedIndicator(gpio, 5, 6, 13);
        output.WriteLine(FormattableString.Invariant($"hardware.button_edge_to_event_us median={Median(edge):0.0} n={iterations}"));
        output.WriteLine(FormattableString.Invariant($"hardware.apa102_frame_us median={Median(Time(iterations, i => apa.Render(LedPattern.Thinking, i))):0.0} n={iterations}"));
        output.WriteLine(FormattableString.Invariant($"hardware.gpio_leds_frame_us median={Median(Time(iterations, i => plain.Render(LedPattern.Thinking, i))):0.0} n={iterations}"));
    }

    static List<double> Time(int n, Action<int> a)
    {
        var list = new List<double>(n);
        for (int i = 0; i < n; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            a(i);
            list.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }
        return list;
    }

    static double Median(List<double> v)
    {
        v.Sort();
        return v.Count == 0 ? double.NaN : v[v.Count / 2];
    }
}
