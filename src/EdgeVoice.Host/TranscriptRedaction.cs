using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Host;

/// <summary>
/// Privacy:LogTranscripts=false keeps what was said out of the journal: every stage logs speech in message
/// holes named as below, and their values are replaced before any provider formats the line, so the
/// stages need not know about the option.
/// </summary>
public static partial class TranscriptRedaction
{
    public const string Hidden = "(not logged)";
    static readonly HashSet<string> SpeechHoles = new(StringComparer.OrdinalIgnoreCase) { "Text", "Transcript", "Whisper", "Free", "Candidate", "Heard" };

    public static IServiceCollection AddTranscriptRedaction(this IServiceCollection s, IConfiguration config)
    {
        if (config.GetValue("Privacy:LogTranscripts", true)) return s;
        s.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new Factory(new LoggerFactory(sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(), sp.GetService<IOptions<LoggerFactoryOptions>>()))));
        return s;
    }

    sealed class Factory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName));
        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);
        public void Dispose() => inner.Dispose();
    }

    sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values && values.Any(v => SpeechHoles.Contains(v.Key)))
                inner.Log(logLevel, eventId, new Redacted(values), exception, (r, _) => r.ToString());
            else
                inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }

    /// <summary>The structured values with speech hidden, formatted like the original template.</summary>
    sealed partial class Redacted(IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        readonly List<KeyValuePair<string, object?>> _values = values
            .Select(v => SpeechHoles.Contains(v.Key) ? new KeyValuePair<string, object?>(v.Key, Hidden) : v).ToList();

        public KeyValuePair<string, object?> this[int index] => _values[index];
        public int Count => _values.Count;
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString()
        {
            var template = _values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value as string ?? "";
            int i = 0;
            var text = Hole().Replace(template, m =>
            {
                var v = i < _values.Count ? _values[i++].Value : null;
                return string.Format(CultureInfo.InvariantCulture, "{0" + m.Groups[2].Value + "}", v ?? "(null)");
            });
            return text.Replace("{{", "{").Replace("}}", "}");
        }

        [GeneratedRegex(@"(?<!\{)\{([^{}:,]+)([,:][^{}]*)?\}(?!\})")]
        private static partial Regex Hole();
    }
}
