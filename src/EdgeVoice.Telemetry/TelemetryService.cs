using System.Globalization;
using EdgeVoice.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Telemetry;

/// <summary>Every Telemetry:IntervalSeconds reads sysfs, updates the throttle state and publishes <see cref="TelemetryReading"/>.</summary>
public sealed class TelemetryService(
    SysfsTelemetryReader reader, ThrottlePolicy throttle, IEventBus bus, IOptions<TelemetryOptions> options,
    TimeProvider time, ILogger<TelemetryService> log) : BackgroundService
{
    public TelemetryReading Poll()
    {
        var s = reader.Read();
        bool wasThrottled = throttle.Throttled;
        bool throttled = throttle.Update(s);
        var reading = new TelemetryReading(s.CpuTemperatureC, s.BatteryPercent, s.Charging, throttled);
        if (throttled != wasThrottled)
            log.LogWarning("Throttle {State}: {Line}", throttled ? "on" : "off", Describe(s, throttled));
        else
            log.LogInformation("Telemetry {Line}", Describe(s, throttled));
        bus.Publish(reading);
        return reading;
    }

    public static string Describe(TelemetrySnapshot s, bool throttled)
    {
        var ci = CultureInfo.InvariantCulture;
        var cpu = s.CpuTemperatureC is double t ? string.Create(ci, $"{t:0.0}C") : "n/a";
        var bat = s.BatteryPercent is double p ? string.Create(ci, $"{p:0}% {s.BatteryStatus ?? "?"}") : "n/a";
        return $"cpu={cpu} battery={bat} throttled={(throttled ? "yes" : "no")}";
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds));
        using var timer = new PeriodicTimer(period, time);
        do
        {
            try { Poll(); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                log.LogWarning("Telemetry read failed: {Reason}", ex.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
