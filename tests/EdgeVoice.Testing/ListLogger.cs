using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Testing;

/// <summary>Captures log lines so tests can check what a person reading the journal would see.</summary>
public sealed class ListLogger : ILoggerProvider, ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Text)> Entries { get; } = new();
    public ILogger CreateLogger(string categoryName) => this;
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Entries.Enqueue((logLevel, formatter(state, exception)));
    public void Dispose() { }
    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Trace));
    public int Count(LogLevel level, string contains) => Entries.Count(e => e.Level == level && e.Text.Contains(contains));
}
