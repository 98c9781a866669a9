using Microsoft.Extensions.Logging;

namespace EdgeVoice.Telemetry.Tests;

public sealed class SysfsTelemetryReaderTests : IDisposable
{
    readonly FakeSysfs _sys = new();
    readonly ListLogger _logs = new();

    [Fact]
    public void Pi_cpu_thermal_millidegrees_are_parsed()
    {
        _sys.Zone(0, "cpu-thermal", "48312\n");
        var s = _sys.Reader(_logs).Read();
        Assert.Equal(48.312, s.CpuTemperatureC!.Value, 3);
        Assert.Equal("cpu-thermal", s.ThermalZone);
    }

    [Fact]
    public void Cpu_or_soc_zone_is_preferred_over_hotter_other_zones()
    {
        // Jetson-like: the GPU zone is hottest but the CPU/SOC zones decide.
        _sys.Zone(0, "CPU-therm", "41000").Zone(1, "GPU-therm", "70500").Zone(2, "SOC0-therm", "45500");
        var s = _sys.Reader(_logs).Read();
        Assert.Equal(45.5, s.CpuTemperatureC);
        Assert.Equal("SOC0-therm", s.ThermalZone);
    }

    [Fact]
    public void Without_a_cpu_zone_the_hottest_zone_is_used()
    {
        _sys.Zone(0, "acpitz", "30000").Zone(1, "x86_pkg_temp", "52000").Zone(2, "iwlwifi_1", "41000");
        Assert.Equal(52.0, _sys.Reader(_logs).Read().CpuTemperatureC);
    }

    [Fact]
    public void Battery_capacity_and_status_are_read_and_mains_is_ignored()
    {
        _sys.Supply("AC", "Mains").Supply("BAT0", "Battery", "80\n", "Discharging");
        var s = _sys.Reader(_logs).Read();
        Assert.Equal(80, s.BatteryPercent);
        Assert.Equal("Discharging", s.BatteryStatus);
        Assert.False(s.Charging);
        Assert.True(s.Discharging);
    }

    [Fact]
    public void Ups_hat_power_supply_counts_as_battery()
    {
        _sys.Supply("ups-hat", "UPS", "97", "Charging");
        var s = _sys.Reader(_logs).Read();
        Assert.Equal(97, s.BatteryPercent);
        Assert.True(s.Charging);
    }

    [Fact]
    public void Missing_tree_gives_nulls_and_logs_once_not_per_read()
    {
        var reader = _sys.Reader(_logs);
        for (int i = 0; i < 3; i++)
        {
            var s = reader.Read();
            Assert.Null(s.CpuTemperatureC);
            Assert.Null(s.BatteryPercent);
            Assert.Null(s.Charging);
        }
        Assert.Equal(1, _logs.Count(LogLevel.Information, "No CPU temperature"));
        Assert.Equal(1, _logs.Count(LogLevel.Information, "No battery"));
    }

    [Fact]
    public void Garbage_and_empty_files_become_null_with_one_warning_each()
    {
        _sys.Zone(0, "cpu-thermal", "hot!").Zone(1, "gpu-thermal", "51000").Supply("BAT0", "Battery", "", "Discharging");
        var reader = _sys.Reader(_logs);
        for (int i = 0; i < 3; i++)
        {
            var s = reader.Read();
            Assert.Equal(51.0, s.CpuTemperatureC); // the readable zone still counts
            Assert.Null(s.BatteryPercent);
            Assert.Equal("Discharging", s.BatteryStatus);
        }
        Assert.Equal(1, _logs.Count(LogLevel.Warning, "malformed value hot!"));
        Assert.Equal(1, _logs.Count(LogLevel.Warning, "empty file"));
    }

    [Fact]
    public void Out_of_range_capacity_is_ignored()
    {
        _sys.Supply("BAT0", "Battery", "250", "Full");
        var s = _sys.Reader(_logs).Read();
        Assert.Null(s.BatteryPercent);
        Assert.True(s.Charging);
        Assert.Equal(1, _logs.Count(LogLevel.Warning, "outside 0..100"));
    }

    [Fact]
    public void Values_are_reread_each_time()
    {
        _sys.Zone(0, "cpu-thermal", "40000");
        var reader = _sys.Reader(_logs);
        Assert.Equal(40.0, reader.Read().CpuTemperatureC);
        _sys.Zone(0, "cpu-thermal", "77000");
        Assert.Equal(77.0, reader.Read().CpuTemperatureC);
    }

    public void Dispose() => _sys.Dispose();
}

public class TelemetryBenchTests
{
    [Fact]
    public void Bench_prints_median_and_reading()
    {
        using var sys = new FakeSysfs();
        sys.Zone(0, "cpu-thermal", "42000");
        var w = new StringWriter();
        EdgeVoice.Bench.TelemetryBench.Run(w, sys.Root, iterations: 10);
        Assert.Matches(@"^telemetry\.sysfs_read_us median=\d+(\.\d)? n=10 cpu=42\.0C battery=n/a", w.ToString());
    }
}
