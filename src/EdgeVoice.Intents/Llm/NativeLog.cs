using System.Text;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Intents.Llm;

/// <summary>
/// llama.cpp's own log (hundreds of lines per model load, a few per restored state) goes to an ILogger
/// instead of the process's stderr: its information lines at Debug, its warnings and errors as they are.
/// llama.cpp has one log sink per process, so the last logger routed wins.
/// </summary>
public static class NativeLog
{
    static readonly Lock Gate = new();
    static readonly StringBuilder Line = new();
    static ILogger? _log;
    static LogLevel _lineLevel = LogLevel.Debug;
    static bool _hooked;

    public static void RouteTo(ILogger log)
    {
        lock (Gate)
        {
            _log = log;
            if (_hooked) return;
            NativeLogConfig.llama_log_set(OnNative);
            _hooked = true;
        }
    }

    /// <summary>Maps llama.cpp's levels: only what the service owner must see stays above Debug.</summary>
    public static LogLevel Level(LLamaLogLevel level) => level switch
    {
        LLamaLogLevel.Error => LogLevel.Error,
        LLamaLogLevel.Warning => LogLevel.Warning,
        _ => LogLevel.Debug,
    };

    // llama.cpp writes a line in pieces ("Continue" carries on the previous level): lines are logged whole.
    static void OnNative(LLamaLogLevel level, string message)
    {
        lock (Gate)
        {
            if (level != LLamaLogLevel.Continue)
            {
                Flush();
                _lineLevel = Level(level);
            }
            Line.Append(message);
            if (message.EndsWith('\n')) Flush();
        }
    }

    static void Flush()
    {
        var text = Line.ToString().TrimEnd();
        Line.Clear();
        if (text.Length == 0 || _log is null || !_log.IsEnabled(_lineLevel)) return;
        _log.Log(_lineLevel, "llama.cpp: {Line}", text);
    }
}
