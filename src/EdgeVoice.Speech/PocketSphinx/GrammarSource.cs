using System.Text.Json;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// The intent stage's own sentences for the command grammar, limited to words the pronunciation dictionary has: a
/// template word it lacks is left out with its sentence rather than guessed, while configured names and areas are
/// guessed by espeak-ng as in the commands grammar. Speech:GrammarSource ondevice: <see cref="CommandSentences"/> with their
/// timer sentences (<see cref="Timers"/>; time and date they say with the template tier on, whatever the source), and the
/// templates of the other intents the device answers itself (weather, never mind); templates: all the templates alone;
/// both: all the templates besides the command sentences.
/// </summary>
public sealed class GrammarSource(ISentenceGrammar sentences, bool only, string dictionary, bool isOnDevice = false)
{
    /// <summary>Whether its grammars may begin with noise, as the commands grammar's do (<see cref="PocketSphinx.Lead.In"/>): ondevice only.</summary>
    public bool Lead => isOnDevice;

    /// <summary>Only these sentences (templates); else besides <see cref="CommandSentences"/> (ondevice, both).</summary>
    public bool Only => only;

    /// <summary>The commands grammar says the timers' short sentences too (<see cref="SentenceTemplate.Timer"/>): ondevice only.</summary>
    public bool Timers => isOnDevice;

    readonly object _gate = new();
    // Keyed on the devices' content: a reload binds new objects with the same content (no rebuild needed), and
    // a list changed in place is the same object with other devices (a rebuild needed).
    (string Devices, SentenceRules Rules)? _last;

    /// <summary>
    /// Speech:GrammarSource as a source, null for commands (the command sentences alone). <paramref name="sentences"/>: the
    /// intent stage's templates; <paramref name="onDevice"/>: those of the intents it answers on the device
    /// (<see cref="SentenceGrammars.OnDevice"/>). Both null when the template tier is off: then ondevice is the command
    /// sentences alone, and says so in <paramref name="log"/>.
    /// </summary>
    public static GrammarSource? From(string option, ISentenceGrammar? sentences, ISentenceGrammar? onDevice, string dictionary, ILogger? log = null)
    {
        switch (option.ToLowerInvariant())
        {
            case "commands": return null;
            case "ondevice" when onDevice is null:
                log?.LogWarning("Speech:GrammarSource ondevice: the grammar cannot say the on-device sentences (time, date, weather, " +
                    "timers, never mind): they come from the intent stage's templates, which are off (Intents:Templates false)");
                return null;
            case "ondevice": return new GrammarSource(onDevice, only: false, dictionary, isOnDevice: true);
            case "templates" or "both":
                return new GrammarSource(sentences ?? throw new InvalidOperationException(
                    $"Speech:GrammarSource '{option}' needs the intent stage's templates (AddEdgeVoiceIntents, Intents:Templates)"),
                    option.Equals("templates", StringComparison.OrdinalIgnoreCase), dictionary);
            default: throw new InvalidOperationException($"Speech:GrammarSource '{option}' is not one of commands, ondevice, templates, both");
        }
    }

    public SentenceRules Rules(IReadOnlyList<DeviceOptions> devices)
    {
        lock (_gate)
        {
            var key = JsonSerializer.Serialize(devices);
            if (_last is { } last && last.Devices == key) return last.Rules;
            if (!File.Exists(dictionary)) throw new ModelUnavailableException($"pocketsphinx dictionary not found at {dictionary}: run scripts/setup.sh (apt-get install pocketsphinx-en-us)");
            var names = devices.SelectMany(d => d.SpokenNames().Append(d.Area)).SelectMany(n => CommandGrammar.SpokenForm(n).Split(' ')).ToHashSet();
            var words = CommandGrammar.Words(string.Join('\n', sentences.Build(devices, _ => true).Rules));
            var known = DictionaryFile.Lookup(dictionary, words).Keys.ToHashSet();
            var rules = sentences.Build(devices, w => known.Contains(w) || names.Contains(w));
            _last = (key, rules);
            return rules;
        }
    }
}
