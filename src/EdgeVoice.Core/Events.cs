namespace EdgeVoice.Core;

// A tiny event protocol between stages (in the spirit of Wyoming): the pipeline announces what
// happens, and side stages (MQTT sensors, LEDs, telemetry) react without knowing each other.

public enum AssistantState { Idle, Listening, Thinking, Speaking }

public abstract record VoiceEvent
{
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}

public sealed record StateChanged(AssistantState State) : VoiceEvent;
public sealed record WakeDetected(string Phrase, double Score, long StreamMs) : VoiceEvent;
public sealed record ButtonPressed(string Button) : VoiceEvent;
public sealed record TranscriptReady(Transcript Transcript) : VoiceEvent;
public sealed record IntentHandled(string Transcript, IntentResult Result) : VoiceEvent;
public sealed record TelemetryReading(double? CpuTemperatureC, double? BatteryPercent, bool? Charging, bool Throttled) : VoiceEvent;
/// <summary>Something a person should hear or see (a stale command dropped, a model missing).</summary>
/// <summary>A timer run on this device ended; <paramref name="WhileOff"/> when it ended while the service was down.</summary>
public sealed record TimerFinished(string Id, string? Name, string? Area, int Seconds, bool WhileOff, string Message) : VoiceEvent;
public sealed record Notice(string Message, bool IsError = false) : VoiceEvent;

public interface IEventBus
{
    void Publish(VoiceEvent e);
    IDisposable Subscribe(Action<VoiceEvent> handler);
}

/// <summary>In-process bus. A failing subscriber is isolated so one broken stage cannot stop the others.</summary>
public sealed class EventBus : IEventBus
{
    readonly object _gate = new();
    Action<VoiceEvent>[] _handlers = [];

    public Action<Exception, VoiceEvent>? OnHandlerError { get; set; }

    public void Publish(VoiceEvent e)
    {
        foreach (var h in Volatile.Read(ref _handlers))
        {
            try { h(e); }
            catch (Exception ex) { OnHandlerError?.Invoke(ex, e); }
        }
    }

    public IDisposable Subscribe(Action<VoiceEvent> handler)
    {
        lock (_gate) _handlers = [.. _handlers, handler];
        return new Unsubscriber(() => { lock (_gate) _handlers = _handlers.Where(h => h != handler).ToArray(); });
    }

    sealed class Unsubscriber(Action a) : IDisposable { public void Dispose() => a(); }
}
