using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Telemetry;

public sealed record TelemetrySnapshot(double? CpuTemperatureC, string? ThermalZone, double? BatteryPercent, string? BatteryStatus)
{
    /// <summary>True when on external power (charging or full), false on battery, null when unknown.</summary>
    public bool? Charging => BatteryStatus switch
    {
        "Charging" or "Full" or "Not charging" => true,
        "Discharging" => false,
        _ => null,
    };
    public bool Discharging => BatteryStatus == "Discharging";
}

/// <summary>
/// Reads CPU temperature from /sys/class/thermal/thermal_zone*/ and the battery from
/// /sys/class/power_supply/*/ (type Battery or UPS, as UPS HATs expose). Missing or unreadable
/// values become null; each problem is logged once, not every interval.
/// </summary>
public sealed class SysfsTelemetryReader(IOptions<TelemetryOptions> options, ILogger<SysfsTelemetryReader> log)
{
    readonly string _root = options.Value.SysfsRoot;
    readonly HashSet<string> _reported = [];

    public TelemetrySnapshot Read()
    {
        var (temp, zone) = ReadCpuTemperature();
        var (percent, status) = ReadBattery();
        return new TelemetrySnapshot(temp, zone, percent, status);
    }

    (double?, string?) ReadCpuTemperature()
    {
        var dir = Path.Combine(_root, "class", "thermal");
        var zones = Directory.Exists(dir) ? Directory.GetDirectories(dir, "thermal_zone*") : [];
        var readings = new List<(string Type, double C)>();
        foreach (var z in zones.Order())
        {
            var raw = ReadLong(Path.Combine(z, "temp"));
            if (raw is null) continue;
            var type = ReadText(Path.Combine(z, "type")) ?? Path.GetFileName(z);
            // The kernel reports millidegrees; a few old drivers give whole degrees.
            readings.Add((type, Math.Abs(raw.Value) >= 1000 ? raw.Value / 1000.0 : raw.Value));
        }
        if (readings.Count == 0)
        {
            Once("thermal", LogLevel.Information, "No CPU temperature: no readable {Dir}/thermal_zone*/temp", dir);
            return (null, null);
        }
        // Pi: cpu-thermal; Jetson: CPU-therm / SOC*-therm / soc_max. Otherwise the hottest zone is the safe choice.
        var cpu = readings.Where(r => IsCpuZone(r.Type)).ToList();
        var best = (cpu.Count > 0 ? cpu : readings).MaxBy(r => r.C);
        return (best.C, best.Type);
    }

    static bool IsCpuZone(string type) =>
        type.Contains("cpu", StringComparison.OrdinalIgnoreCase) || type.Contains("soc", StringComparison.OrdinalIgnoreCase);

    (double?, string?) ReadBattery()
    {
        var dir = Path.Combine(_root, "class", "power_supply");
        var supplies = Directory.Exists(dir) ? Directory.GetDirectories(dir) : [];
        foreach (var s in supplies.Order())
        {
            var type = ReadText(Path.Combine(s, "type"));
            if (type is not ("Battery" or "UPS")) continue;
            var capacity = ReadLong(Path.Combine(s, "capacity"));
            double? percent = capacity is >= 0 and <= 100 ? capacity : null;
            if (capacity is not null && percent is null)
                Once($"range:{s}", LogLevel.Warning, "Ignoring battery capacity {Value} outside 0..100 in {Dir}", capacity, s);
            return (percent, ReadText(Path.Combine(s, "status")));
        }
        Once("battery", LogLevel.Information, "No battery: no power supply of type Battery/UPS under {Dir}", dir);
        return (null, null);
    }

    long? ReadLong(string path)
    {
        var text = ReadText(path);
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
        Once($"bad:{path}", LogLevel.Warning, "Ignoring malformed value {Value} in {Path}", Shorten(text), path);
        return null;
    }

    string? ReadText(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length > 0) return text;
            Once($"empty:{path}", LogLevel.Warning, "Ignoring empty file {Path}", path);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Missing attributes are normal (not every zone has every file); thermal sensors can also return EIO.
            if (ex is not FileNotFoundException and not DirectoryNotFoundException)
                Once($"io:{path}", LogLevel.Warning, "Cannot read {Path}: {Reason}", path, ex.Message);
            return null;
        }
    }

    static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    void Once(string key, LogLevel level, string message, params object?[] args)
    {
        lock (_reported)
            if (!_reported.Add(key)) return;
#pragma warning disable CA2254 // message templates are the constants above
        log.Log(level, message, args);
#pragma warning restore CA2254
    }
}
