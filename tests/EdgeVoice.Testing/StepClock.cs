namespace EdgeVoice.Testing;

/// <summary>Time that moves only when a test advances it, with its timers firing as it passes them.</summary>
public sealed class StepClock(DateTimeOffset start) : TimeProvider
{
    readonly List<Step> _timers = [];
    public DateTimeOffset Now { get; private set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var t = new Step(this, callback, state);
        t.Change(dueTime, period);
        return t;
    }

    public int Pending { get { lock (_timers) return _timers.Count(t => t.Due is not null); } }

    public void Advance(TimeSpan by)
    {
        var end = Now + by;
        while (true)
        {
            Step? next;
            lock (_timers) next = _timers.Where(t => t.Due <= end).OrderBy(t => t.Due).FirstOrDefault();
            if (next is null) break;
            if (next.Due > Now) Now = next.Due!.Value;
            next.Due = null;
            next.Fire();
        }
        Now = end;
    }

    sealed class Step(StepClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due;
        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._timers)
            {
                if (!clock._timers.Contains(this)) clock._timers.Add(this);
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.Now + dueTime;
            }
            return true;
        }

        public void Dispose() { lock (clock._timers) clock._timers.Remove(this); }
        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
