namespace EdgeVoice.Testing;

/// <summary>Time that moves only when a test says so (timers still use real time; tests keep them slow).</summary>
public sealed class ManualTime : TimeProvider
{
    DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => _now;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => _now.Ticks;
    public void Advance(int ms) => _now = _now.AddMilliseconds(ms);
}
