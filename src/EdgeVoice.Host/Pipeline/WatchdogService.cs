using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host.Pipeline;

/// <summary>
/// systemd's watchdog (WatchdogSec= in the unit): WATCHDOG=1 every half interval, but only while
/// <see cref="LoopHeartbeat"/> sees the voice loop make progress. A deadlock, a stuck native call or a
/// loop that stops pulling audio then stops the pings, and systemd restarts the service instead of
/// leaving the device deaf until someone logs in. Outside systemd it does nothing.
/// </summary>
public sealed class WatchdogService(ServiceStatus status, LoopHeartbeat heartbeat, TimeProvider clock, ILogger<WatchdogService> log) : BackgroundService
{
    string? _stuck;

    /// <summary>
    /// The interval systemd expects pings within, read as sd_watchdog_enabled(3) does: WATCHDOG_USEC set,
    /// and WATCHDOG_PID unset or ours (otherwise the variables were inherited from a parent). Null: no watchdog.
    /// </summary>
    public static TimeSpan? Interval(Func<string, string?> env, int pid)
    {
        if (!ulong.TryParse(env("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec == 0) return null;
        if (env("WATCHDOG_PID") is { } owner && owner != pid.ToString(CultureInfo.InvariantCulture)) return null;
        return TimeSpan.FromTicks((long)Math.Min(usec, long.MaxValue / 10) * 10);
    }

    /// <summary>One check: ping when the loop is healthy; log once when it stops being so, and when it recovers.</summary>
    public void Tick(TimeSpan interval)
    {
        var stuck = heartbeat.Stuck(interval);
        if (stuck is null) status.KeepAlive();
        if (stuck is not null && _stuck is null)
            log.LogWarning("{Stuck}; withholding the watchdog ping so systemd restarts the service", stuck);
        else if (stuck is null && _stuck is not null)
            log.LogInformation("voice loop is making progress again; watchdog pings resume");
        _stuck = stuck;
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!status.Enabled || Interval(Environment.GetEnvironmentVariable, Environment.ProcessId) is not { } interval) return;
        // PeriodicTimer takes at most ~49 days; an absurd WatchdogSec still gets pings.
        var period = TimeSpan.FromTicks(Math.Min(interval.Ticks / 2, TimeSpan.TicksPerDay));
        log.LogInformation("systemd watchdog: {Interval} s; pinging every {Period:F1} s while the voice loop makes progress", interval.TotalSeconds, period.TotalSeconds);
        using var timer = new PeriodicTimer(period, clock);
        try
        {
            do Tick(interval);
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }
}
