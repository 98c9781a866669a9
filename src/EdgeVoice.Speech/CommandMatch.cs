using EdgeVoice.Core;
using EdgeVoice.Speech.PocketSphinx;

namespace EdgeVoice.Speech;

/// <summary>
/// Whether two command sentences mean the same command: aliases name the same device ("kitchen lamp" =
/// "kitchen light") and optional fillers ("the", "all" in "[all] lights in the {area}", "minute"/"minutes")
/// do not change the intent.
/// Used to score recognition accuracy in the benchmark and tests.
/// </summary>
public static class CommandMatch
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
}
