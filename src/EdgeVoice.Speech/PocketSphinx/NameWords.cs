using EdgeVoice.Core;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// The words that tell one device from another: a device's names' words less the areas' and the sentences' own
/// ("kitchen lamp" → "lamp", "living room fan" → "fan"). When the free loop hears another device's word and none of
/// the heard device's, the two decoders disagree on the device (<see cref="RejectionRule"/>).
/// </summary>
internal sealed class NameWords
{
    readonly HashSet<string> _common;
    readonly string[][] _devices;

    /// <param name="decoys">The grammar's decoys (<see cref="CommandGrammar.DecoysFor"/>): each tells itself apart like a device.</param>
    public NameWords(IReadOnlyList<DeviceOptions> devices, IEnumerable<string> decoys)
    {
        _common = CommandGrammar.TemplateWords(CommandSentences.Templates)
            .Concat(devices.SelectMany(d => d.Area.Split(' '))).Select(CommandGrammar.SpokenForm).ToHashSet();
        _devices = [.. devices.Select(d => d.SpokenNames().Select(CommandGrammar.SpokenForm).ToArray()).Concat(decoys.Select(d => new[] { CommandGrammar.SpokenForm(d) }))];
    }

    /// <summary>
    /// The telling words of the name <paramref name="heard"/> says (its longest), and every other device's, less any word
    /// of the heard device's own names ("lamp" is also the living room's, so it is no other device's for the kitchen lamp).
    /// </summary>
    public (IReadOnlySet<string> Heard, IReadOnlySet<string> Others) Of(string heard)
    {
        string padded = " " + heard + " ";
        var (names, name) = _devices.SelectMany(d => d.Where(n => padded.Contains(" " + n + " ", StringComparison.Ordinal)).Select(n => (Device: d, Name: n)))
            .OrderByDescending(m => m.Name.Length).FirstOrDefault();
        var own = (names ?? []).SelectMany(Words).ToHashSet();
        return (Words(name ?? "").ToHashSet(), _devices.SelectMany(d => d.SelectMany(Words)).Where(w => !own.Contains(w)).ToHashSet());
    }

    // "light" tells no device apart when the sentences say "lights".
    IEnumerable<string> Words(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Where(w => !_common.Contains(w) && !_common.Contains(w + "s") && !(w.EndsWith('s') && _common.Contains(w[..^1])));
}
