using System.Device.Gpio;
using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Hardware.Tests;

public sealed class HardwareServiceTests : IDisposable
{
    readonly ListLogger _logs = new();
    readonly string _dev = Directory.CreateTempSubdirectory("edgevoice-dev").FullName;
    ServiceProvider? _sp;

    (IEventBus Bus, HardwareService Service, SimulatedHardware Sim) Start(Dictionary<string, string?> settings)
    {
        // Animation timer far away: tests render on events only, so pin values are deterministic.
        settings.TryAdd("Hardware:AnimationMs", "600000");
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var s = new ServiceCollection();
        s.AddSingleton(_logs.Factory());
        s.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        s.AddEdgeVoiceHardware(config);
        _sp = s.BuildServiceProvider();
        foreach (var h in _sp.GetServices<IHostedService>()) h.StartAsync(default).GetAwaiter().GetResult();
        return (_sp.GetRequiredService<IEventBus>(), _sp.GetRequiredService<HardwareService>(), _sp.GetRequiredService<SimulatedHardware>());
    }

    [Fact]
    public void Simulated_gpio_leds_follow_bus_states_and_button_publishes()
    {
        var (bus, service, sim) = Start(new() { ["Hardware:Mode"] = "simulated", ["Hardware:Led"] = "gpio" });
        var pressed = new List<string>();
        bus.Subscribe(e => { if (e is ButtonPressed b) pressed.Add(b.Button); });
        PinValue Pin(int p) => sim.Gpio.GetValue(p);

        bus.Publish(new StateChanged(AssistantState.Listening));
        Assert.Equal((PinValue.Low, PinValue.Low, PinValue.High), (Pin(5), Pin(6), Pin(13)));
        bus.Publish(new StateChanged(AssistantState.Speaking));
        Assert.Equal((PinValue.Low, PinValue.High, PinValue.Low), (Pin(5), Pin(6), Pin(13)));
        bus.Publish(new StateChanged(AssistantState.Idle));
        Assert.Equal((PinValue.Low, PinValue.Low, PinValue.Low), (Pin(5), Pin(6), Pin(13)));

        sim.Gpio.SetInput(17, PinValue.Low);
        Assert.Equal(["talk"], pressed);

        bus.Publish(new ButtonPressed(ButtonMonitor.MuteButton));
        Assert.Equal(LedPattern.Muted, service.CurrentPattern);
        Assert.Equal((PinValue.High, PinValue.Low, PinValue.Low), (Pin(5), Pin(6), Pin(13)));
    }

    [Fact]
    public void Simulated_apa102_shows_listening_then_error_notice()
    {
        var (bus, service, sim) = Start(new() { ["Hardware:Mode"] = "simulated", ["Hardware:Led"] = "apa102", ["Hardware:Brightness"] = "255" });
        Assert.NotNull(sim.Spi);
        Assert.Equal((0, 1), (sim.Spi!.ConnectionSettings.BusId, sim.Spi.ConnectionSettings.ChipSelectLine));
        Assert.All(Apa102Frame.Decode(sim.Spi.LastWrite!, 3), p => Assert.Equal((24, 24, 24), (p.R, p.G, p.B)));

        bus.Publish(new StateChanged(AssistantState.Listening));
        Assert.All(Apa102Frame.Decode(sim.Spi.LastWrite!, 3), p => Assert.Equal((0, 0, 255), (p.R, p.G, p.B)));

        bus.Publish(new Notice("model missing", IsError: true));
        Assert.Equal(LedPattern.Error, service.CurrentPattern);
        Assert.All(Apa102Frame.Decode(sim.Spi.LastWrite!, 3), p => Assert.Equal((255, 0, 0), (p.R, p.G, p.B)));

        bus.Publish(new Notice("just info"));
        Assert.Equal(LedPattern.Error, service.CurrentPattern);
    }

    [Fact]
    public void Missing_gpiochip_and_spidev_are_reported_and_service_keeps_running()
    {
        var (bus, service, _) = Start(new() { ["Hardware:Mode"] = "gpio", ["Hardware:Led"] = "apa102", ["Hardware:DevRoot"] = _dev });
        Assert.Null(service.Button);
        Assert.Null(service.Leds);
        var errors = _logs.Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Text).ToList();
        Assert.Contains(errors, e => e.Contains("gpiochip") && e.Contains("Button disabled"));
        Assert.Contains(errors, e => e.Contains("spidev0.1") && e.Contains("dtparam=spi=on"));
        bus.Publish(new StateChanged(AssistantState.Listening)); // nothing to drive, must not throw
    }

    [Fact]
    public void Configured_gpio_chip_that_does_not_exist_is_named()
    {
        File.WriteAllText(Path.Combine(_dev, "gpiochip0"), "");
        var (_, service, _) = Start(new()
        {
            ["Hardware:Mode"] = "gpio", ["Hardware:Led"] = "gpio", ["Hardware:GpioChip"] = "4", ["Hardware:DevRoot"] = _dev,
        });
        Assert.Null(service.Leds);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Text.Contains("gpiochip4") && e.Text.Contains("gpiodetect"));
    }

    [Fact]
    public void Mode_none_opens_nothing()
    {
        var (_, service, sim) = Start(new() { ["Hardware:Led"] = "apa102" });
        Assert.Null(service.Button);
        Assert.Null(service.Leds);
        Assert.Null(sim.Spi);
        Assert.False(sim.Gpio.IsOpen(17));
    }

    [Fact]
    public void Error_notice_expires_back_to_the_assistant_state()
    {
        var time = new ManualTime();
        var states = new LedStateMachine(time);
        states.Apply(new StateChanged(AssistantState.Thinking));
        states.Apply(new Notice("boom", IsError: true));
        Assert.Equal(LedPattern.Error, states.Current);
        time.Advance(3100);
        Assert.Equal(LedPattern.Thinking, states.Current);
        states.Apply(new ButtonPressed(ButtonMonitor.MuteButton));
        Assert.Equal(LedPattern.Muted, states.Current);
        states.Apply(new ButtonPressed(ButtonMonitor.MuteButton));
        Assert.Equal(LedPattern.Thinking, states.Current);
    }

    public void Dispose()
    {
        _sp?.Dispose();
        Directory.Delete(_dev, true);
    }
}
