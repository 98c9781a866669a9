using EdgeVoice.Core;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Intents.Timers;

/// <summary>
/// Timers kept on this device: started, paused, changed and cancelled by voice; each that ends publishes
/// <see cref="TimerFinished"/> (spoken by the host, sent over MQTT). Every change is saved to the store, so a
/// restart keeps them and a timer that ended while the service was down is announced once at <see cref="Start"/>.
/// </summary>
public sealed class DeviceTimers : IDisposable
{
    readonly TimeProvider clock;
    readonly ITimerStore store;
    readonly IEventBus? bus;
    readonly ILogger log;
    readonly object gate = new();
    readonly List<TimerEntry> timers = [];
    ITimer? wake;
    bool started;
    List<TimerEntry> endedWhileOff;

    public DeviceTimers(TimeProvider clock, ITimerStore store, ILogger<DeviceTimers> log, IEventBus? bus = null)
    {
        this.clock = clock;
        this.store = store;
        this.bus = bus;
        this.log = log;
        IReadOnlyList<TimerEntry> saved;
        try { saved = store.Load(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException)
        {
            log.LogWarning("saved timers not read: {Message}", e.Message);
            saved = [];
        }
        // A hand-edited or torn entry (no id, neither running nor paused) is dropped rather than trusted.
        timers.AddRange(saved.Where(t => t is { Id: not null } && (t.EndsAt is not null || t.PausedLeft is not null)).Take(MaxTimers));
        var now = Now;
        endedWhileOff = timers.Where(t => t.EndsAt is { } end && end <= now).ToList();
        timers.RemoveAll(endedWhileOff.Contains);
        if (saved.Count > 0) log.LogInformation("{Count} saved timer(s), {Missed} of them ended while the service was down", saved.Count, endedWhileOff.Count);
    }

    /// <summary>Most timers kept at once: a runaway loop of "set a timer" cannot fill the disk.</summary>
    public const int MaxTimers = 50;

    public IReadOnlyList<TimerEntry> All { get { lock (gate) return [.. timers]; } }

    DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Announces, once, the saved timers that ended while the service was down, and starts the clock.</summary>
    public void Start()
    {
        List<TimerEntry> missed;
        lock (gate)
        {
            if (started) return;
            started = true;
            missed = endedWhileOff;
            endedWhileOff = [];
            SaveAndScheduleLocked();
        }
        foreach (var t in missed) Announce(t, whileOff: true);
    }

    public TimerEntry? Add(TimeSpan duration, string? name, string? area)
    {
        lock (gate)
        {
            if (timers.Count >= MaxTimers) return null;
            var t = new TimerEntry(Guid.NewGuid().ToString("N")[..12], name, area, (int)duration.TotalSeconds, Now + duration, null);
            timers.Add(t);
            SaveAndScheduleLocked();
            return t;
        }
    }

    public void Cancel(IEnumerable<TimerEntry> which) => Change(which, _ => null);

    public void Pause(IEnumerable<TimerEntry> which) =>
        Change(which, t => t.EndsAt is { } end ? t with { EndsAt = null, PausedLeft = Max0(end - Now) } : t);

    public void Resume(IEnumerable<TimerEntry> which) =>
        Change(which, t => t.PausedLeft is { } left ? t with { EndsAt = Now + left, PausedLeft = null } : t);

    /// <summary>Adds (or with a negative change removes) time; a timer cannot go below zero left.</summary>
    public void Extend(IEnumerable<TimerEntry> which, TimeSpan change) => Change(which, t => t.EndsAt is { } end
        ? t with { EndsAt = Now + Max0(end - Now + change) }
        : t with { PausedLeft = Max0(t.PausedLeft!.Value + change) });

    public TimeSpan Left(TimerEntry t) => t.PausedLeft ?? Max0(t.EndsAt!.Value - Now);

    static TimeSpan Max0(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;

    void Change(IEnumerable<TimerEntry> which, Func<TimerEntry, TimerEntry?> change)
    {
        lock (gate)
        {
            var ids = which.Select(t => t.Id).ToHashSet();
            for (int i = timers.Count - 1; i >= 0; i--)
            {
                if (!ids.Contains(timers[i].Id)) continue;
                if (change(timers[i]) is { } changed) timers[i] = changed; else timers.RemoveAt(i);
            }
            SaveAndScheduleLocked();
        }
        Fire(null);
    }

    void SaveAndScheduleLocked()
    {
        try { store.Save(timers); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogError("timers not saved ({Message}): they will not survive a restart", e.Message);
        }
        ScheduleLocked();
    }

    /// <summary>Longest single wait: a system timer takes at most ~49 days, and a day is checked again anyway.</summary>
    static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    void ScheduleLocked()
    {
        var next = timers.Where(t => t.EndsAt is not null).Select(t => t.EndsAt!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        wake?.Dispose();
        wake = next == DateTimeOffset.MaxValue ? null
            : clock.CreateTimer(Fire, null, next - Now > MaxWait ? MaxWait : Max0(next - Now), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Announces and removes every timer that has ended, then waits for the next.</summary>
    void Fire(object? _)
    {
        List<TimerEntry> due;
        lock (gate)
        {
            due = timers.Where(t => t.EndsAt is { } end && end <= Now).ToList();
            if (due.Count == 0) { ScheduleLocked(); return; }
            timers.RemoveAll(due.Contains);
            SaveAndScheduleLocked();
        }
        foreach (var t in due) Announce(t, whileOff: false);
    }

    void Announce(TimerEntry t, bool whileOff)
    {
        var message = Responses.TimerFinished(t, whileOff);
        log.LogInformation("timer {Id} finished{WhileOff}: {Message}", t.Id, whileOff ? " while the service was down" : "", message);
        bus?.Publish(new TimerFinished(t.Id, t.Name, t.Area, t.Seconds, whileOff, message));
    }

    public void Dispose()
    {
        lock (gate) wake?.Dispose();
    }
}

/// <summary>
/// One timer: <paramref name="Seconds"/> as it was set (how it is named: "the 5 minute timer"); running when
/// <paramref name="EndsAt"/> is set, paused with <paramref name="PausedLeft"/> to go.
/// </summary>
public sealed record TimerEntry(string Id, string? Name, string? Area, int Seconds, DateTimeOffset? EndsAt, TimeSpan? PausedLeft);

/// <summary>Where timers are kept between runs.</summary>
public interface ITimerStore
{
    IReadOnlyList<TimerEntry> Load();
    void Save(IReadOnlyList<TimerEntry> timers);
}

/// <summary>Timers that last as long as the process (one-shot tools, tests).</summary>
public sealed class MemoryTimerStore : ITimerStore
{
    IReadOnlyList<TimerEntry> saved = [];
    public IReadOnlyList<TimerEntry> Load() => saved;
    public void Save(IReadOnlyList<TimerEntry> timers) => saved = [.. timers];
}
