namespace EdgeVoice.Core;

/// <summary>
/// The sentences the intent stage understands for the configured devices, written as JSGF rules for the grammar
/// recogniser: one source for what can be heard and what can be understood (Speech:GrammarSource).
/// </summary>
public interface ISentenceGrammar
{
    /// <param name="sayable">Whether the recogniser can say a word; sentences needing any other word are left out.</param>
    SentenceRules Build(IReadOnlyList<DeviceOptions> devices, Func<string, bool> sayable);
}

/// <summary>
/// JSGF rule definitions, one per line ("&lt;h3&gt; = ...;"), the names of the rules that are whole sentences
/// (without angle brackets), and a line per template sentence left out and why.
/// </summary>
public sealed record SentenceRules(IReadOnlyList<string> Rules, IReadOnlyList<string> Sentences, IReadOnlyList<string> Skipped);

/// <summary>DI keys of the <see cref="ISentenceGrammar"/>s beside the default one.</summary>
public static class SentenceGrammars
{
    /// <summary>
    /// Only the intents the device answers itself (time, date, weather, timers, never mind): what the grammar of
    /// Speech:GrammarSource ondevice says besides the command sentences.
    /// </summary>
    public const string OnDevice = "on-device";
}
