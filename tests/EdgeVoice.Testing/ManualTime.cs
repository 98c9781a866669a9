namespace EdgeVoice.Testing;

/// <summary>
/// Time that moves only when a test says so (timers still use real time; tests keep them slow). Local
/// time is UTC, so spoken times ("it is 2:05 PM") do not depend on the machine's zone.
/// </summary>
public sealed class ManualTime(DateTimeOffset? start = null) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start ?? new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => Now;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => Now.Ticks;
    public void Advance(int ms) => Now = Now.AddMilliseconds(ms);
}
