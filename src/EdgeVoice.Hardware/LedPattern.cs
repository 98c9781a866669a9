using EdgeVoice.Core;

namespace EdgeVoice.Hardware;

public enum LedPattern { Off, Idle, Listening, Thinking, Speaking, Error, Muted }

/// <summary>A light indicator that renders one pattern; <paramref name="tick"/> advances animations.</summary>
public interface ILedIndicator : IDisposable
{
    void Render(LedPattern pattern, int tick);
}

/// <summary>
/// Decides which pattern to show from bus events. Muted wins over everything; an error notice blinks
/// for <see cref="ErrorDuration"/> and then the assistant state shows again.
/// </summary>
public sealed class LedStateMachine(TimeProvider time)
{
    readonly object _gate = new();
    AssistantState _state = AssistantState.Idle;
    DateTimeOffset _errorUntil = DateTimeOffset.MinValue;

    public TimeSpan ErrorDuration { get; init; } = TimeSpan.FromSeconds(3);
    public bool Muted { get; private set; }

    /// <summary>Returns true when the event can change what is shown.</summary>
    public bool Apply(VoiceEvent e)
    {
        lock (_gate)
        {
            switch (e)
            {
                case StateChanged s: _state = s.State; return true;
                case Notice { IsError: true }: _errorUntil = time.GetUtcNow() + ErrorDuration; return true;
                case ButtonPressed b when b.Button == ButtonMonitor.MuteButton: Muted = !Muted; return true;
                default: return false;
            }
        }
    }

    public LedPattern Current
    {
        get
        {
            lock (_gate)
            {
                if (Muted) return LedPattern.Muted;
                if (time.GetUtcNow() < _errorUntil) return LedPattern.Error;
                return _state switch
                {
                    AssistantState.Listening => LedPattern.Listening,
                    AssistantState.Thinking => LedPattern.Thinking,
                    AssistantState.Speaking => LedPattern.Speaking,
                    _ => LedPattern.Idle,
                };
            }
        }
    }

    public static bool IsAnimated(LedPattern p) => p is LedPattern.Thinking or LedPattern.Error;
}
