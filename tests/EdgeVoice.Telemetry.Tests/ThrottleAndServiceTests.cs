using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Telemetry.Tests;

public sealed class ThrottleAndServiceTests : IDisposable
{
    readonly FakeSysfs _sys = new();
    readonly ListLogger _logs = new();

    static TelemetrySnapshot Temp(double? c) => new(c, "cpu-thermal", null, null);
    static TelemetrySnapshot Battery(double? p, string? status) => new(null, null, p, status);

    [Fact]
    public void Temperature_throttle_has_hysteresis()
    {
        var t = new ThrottlePolicy(Options.Create(new TelemetryOptions()));
        (double C, bool Expected)[] steps = [(74.9, false), (75, true), (72, true), (70, true), (69.9, false), (74, false), (80, true)];
        foreach (var (c, expected) in steps)
        {
            t.Update(Temp(c));
            Assert.True(expected == t.Throttled, $"at {c} C expected throttled={expected}");
        }
        t.Update(Temp(null));
        Assert.False(t.Throttled);
    }

    [Theory]
    [InlineData(15, "Discharging", true)]
    [InlineData(3, "Discharging", true)]
    [InlineData(15, "Charging", false)]
    [InlineData(15, "Not charging", false)]
    [InlineData(16, "Discharging", false)]
    [InlineData(null, "Discharging", false)]
    [InlineData(5, null, false)]
    public void Low_battery_throttles_only_while_discharging(int? percent, string? status, bool expected)
    {
        var t = new ThrottlePolicy(Options.Create(new TelemetryOptions()));
        Assert.Equal(expected, t.Update(Battery(percent, status)));
        Assert.Equal(expected, t.LowBattery);
    }

    ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var s = new ServiceCollection();
        s.AddSingleton(_logs.Factory());
        s.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        s.AddSingleton<IThrottleState, NeverThrottled>(); // the host's fallback must be replaced
        s.AddEdgeVoiceTelemetry(config);
        return s.BuildServiceProvider();
    }

    [Fact]
    public void Poll_publishes_reading_and_updates_IThrottleState()
    {
        _sys.Zone(0, "cpu-thermal", "76000").Supply("BAT0", "Battery", "55", "Discharging");
        using var sp = Build(new() { ["Telemetry:SysfsRoot"] = _sys.Root });
        var readings = new List<TelemetryReading>();
        sp.GetRequiredService<IEventBus>().Subscribe(e => { if (e is TelemetryReading r) readings.Add(r); });
        var throttle = sp.GetRequiredService<IThrottleState>();
        Assert.IsType<ThrottlePolicy>(throttle);

        sp.GetRequiredService<TelemetryService>().Poll();
        var r = Assert.Single(readings);
        Assert.Equal((76.0, 55.0, false, true), (r.CpuTemperatureC, r.BatteryPercent, r.Charging, r.Throttled));
        Assert.True(throttle.Throttled);
        Assert.Equal(1, _logs.Count(LogLevel.Warning, "Throttle on: cpu=76.0C battery=55% Discharging throttled=yes"));

        _sys.Zone(0, "cpu-thermal", "60000");
        sp.GetRequiredService<TelemetryService>().Poll();
        Assert.False(readings[^1].Throttled);
        Assert.False(throttle.Throttled);
        Assert.Equal(1, _logs.Count(LogLevel.Warning, "Throttle off"));
    }

    [Fact]
    public void Configured_limits_are_used()
    {
        _sys.Zone(0, "cpu-thermal", "61000");
        using var sp = Build(new() { ["Telemetry:SysfsRoot"] = _sys.Root, ["Telemetry:ThrottleAtC"] = "60" });
        Assert.True(sp.GetRequiredService<TelemetryService>().Poll().Throttled);
    }

    [Fact]
    public async Task Hosted_service_publishes_a_first_reading_on_start()
    {
        _sys.Zone(0, "cpu-thermal", "50000");
        using var sp = Build(new() { ["Telemetry:SysfsRoot"] = _sys.Root, ["Telemetry:IntervalSeconds"] = "3600" });
        var got = new TaskCompletionSource<TelemetryReading>(TaskCreationOptions.RunContinuationsAsynchronously);
        sp.GetRequiredService<IEventBus>().Subscribe(e => { if (e is TelemetryReading r) got.TrySetResult(r); });
        var hosted = sp.GetServices<IHostedService>().Single();
        await hosted.StartAsync(default);
        var reading = await got.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(50.0, reading.CpuTemperatureC);
        await hosted.StopAsync(default);
    }

    public void Dispose() => _sys.Dispose();
}
