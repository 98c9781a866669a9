using System.Text.RegularExpressions;
using EdgeVoice.Core;
using EdgeVoice.Speech.PocketSphinx;

namespace EdgeVoice.Speech;

/// <summary>
/// Whether two command sentences mean the same command: aliases name the same device ("kitchen lamp" =
/// "kitchen light") and optional fillers ("the", "all" in "[all] lights in the {area}", "minute"/"minutes")
/// do not change the intent.
/// Scores recognition in the benchmark and tests; auto mode uses it to see whether Whisper confirms a command.
/// </summary>
public static partial class CommandMatch
{
    public static string Canonical(string sentence, IReadOnlyList<DeviceOptions> devices)
    {
        var s = " " + CommandGrammar.SpokenForm(sentence) + " ";
        foreach (var (alias, name) in devices.SelectMany(d => d.Aliases.Select(a => (CommandGrammar.SpokenForm(a), CommandGrammar.SpokenForm(d.Name))))
                     .OrderByDescending(p => p.Item1.Length))
            s = s.Replace(" " + alias + " ", " " + name + " ");
        var words = s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("the" or "all"))
            .Select(w => w is "second" or "minute" or "hour" ? w + "s" : w);
        return string.Join(' ', words);
    }

    public static bool Same(string expected, string heard, IReadOnlyList<DeviceOptions> devices) =>
        Canonical(expected, devices) == Canonical(heard, devices);

    /// <summary>As <see cref="Same"/>, with <paramref name="written"/> as Whisper writes it: "Dim the lamp to 30%."</summary>
    public static bool SameAsWritten(string command, string written, IReadOnlyList<DeviceOptions> devices)
    {
        var spoken = DigitsRx().Replace(written.Replace("%", " percent"), m =>
            int.TryParse(m.Value, out int n) && CommandGrammar.NumberWords(n) is { } words ? $" {words} " : m.Value);
        return Same(command, spoken, devices);
    }

    [GeneratedRegex(@"\d+")] private static partial Regex DigitsRx();
}
