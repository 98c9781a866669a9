using Microsoft.Extensions.Options;

namespace EdgeVoice.Host.Pipeline;

/// <summary>
/// What the voice loop last did, for <see cref="WatchdogService"/>. The loop is alive while the front end
/// consumes audio, while it waits to retry a failed microphone, and while one utterance is in the
/// pipeline for less than <see cref="ServiceOptions.MaxUtteranceSeconds"/>.
/// Times are monotonic timestamps: a Pi has no clock battery and its wall clock jumps at the first NTP sync.
/// </summary>
public sealed class LoopHeartbeat(TimeProvider clock, IOptions<ServiceOptions> options)
{
    readonly Lock _lock = new();
    string? _source;
    long _progress;
    long? _utterance;

    /// <summary>The loop opened <paramref name="source"/>; before this, start-up is TimeoutStartSec's business, not the watchdog's.</summary>
    public void Listening(string source)
    {
        lock (_lock) { _source = source; _progress = clock.GetTimestamp(); }
    }

    public void Frame()
    {
        lock (_lock) _progress = clock.GetTimestamp();
    }

    /// <summary>A retry delay: progress is due only once it is over.</summary>
    public void Waiting(TimeSpan delay)
    {
        lock (_lock) _progress = clock.GetTimestamp() + (long)(delay.TotalSeconds * clock.TimestampFrequency);
    }

    public void UtteranceStarted()
    {
        lock (_lock) _utterance = clock.GetTimestamp();
    }

    /// <summary>Counts as progress: frames may have queued up behind a busy pipeline on a loaded Pi.</summary>
    public void UtteranceEnded()
    {
        lock (_lock) { _utterance = null; _progress = clock.GetTimestamp(); }
    }

    /// <summary>What is stuck and for how long, or null while the loop makes progress within <paramref name="interval"/>.</summary>
    public string? Stuck(TimeSpan interval)
    {
        lock (_lock)
        {
            if (_source is null) return null;
            long now = clock.GetTimestamp();
            if (_utterance is { } started)
            {
                var busy = clock.GetElapsedTime(started, now);
                var max = TimeSpan.FromSeconds(options.Value.MaxUtteranceSeconds);
                return busy <= max ? null
                    : $"one utterance has been in the pipeline for {busy.TotalSeconds:F0} s (Service:MaxUtteranceSeconds is {max.TotalSeconds:F0})";
            }
            var silent = clock.GetElapsedTime(_progress, now);
            return silent <= interval ? null : $"voice loop has consumed no audio for {silent.TotalSeconds:F0} s while listening on {_source}";
        }
    }
}
