using EdgeVoice.Core;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// The words that tell one device from another: a device's names' words less the areas' and the sentences' own
/// ("kitchen lamp" → "lamp", "living room fan" → "fan"). When the free loop hears another device's word and none of
/// the heard device's, the two decoders disagree on the device (<see cref="RejectionRule"/>).
/// </summary>
internal sealed class NameWords
{
    /// <summary>Per device (decoys too): each spoken name with its telling words, and every other device's telling words.</summary>
    readonly ((string Name, HashSet<string> Words)[] Names, HashSet<string> Others)[] _devices;
    readonly HashSet<string> _all;

    /// <param name="decoys">The grammar's decoys (<see cref="CommandGrammar.DecoysFor"/>): each tells itself apart like a device.</param>
    public NameWords(IReadOnlyList<DeviceOptions> devices, IEnumerable<string> decoys)
    {
        var common = CommandGrammar.TemplateWords(CommandSentences.Templates)
            .Concat(devices.SelectMany(d => d.Area.Split(' '))).Select(CommandGrammar.SpokenForm).ToHashSet();
        // "light" tells no device apart when the sentences say "lights".
        bool Telling(string w) => !common.Contains(w) && !common.Contains(w + "s") && !(w.EndsWith('s') && common.Contains(w[..^1]));
        var named = devices.Select(d => d.SpokenNames().Select(CommandGrammar.SpokenForm).ToArray()).Concat(decoys.Select(d => new[] { CommandGrammar.SpokenForm(d) }))
            .Select(names => names.Select(n => (Name: n, Words: n.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(Telling).ToHashSet())).ToArray())
            .ToArray();
        _all = named.SelectMany(d => d.SelectMany(n => n.Words)).ToHashSet();
        // A word of any of the device's own names is no other device's ("lamp" is the living room's too, not so for the kitchen lamp).
        _devices = [.. named.Select(d => (d, _all.Except(d.SelectMany(n => n.Words)).ToHashSet()))];
    }

    /// <summary>The telling words of the name <paramref name="heard"/> says (its longest), and every other device's.</summary>
    public (IReadOnlySet<string> Heard, IReadOnlySet<string> Others) Of(string heard)
    {
        string padded = " " + heard + " ";
        var said = _devices.SelectMany(d => d.Names.Where(n => padded.Contains(" " + n.Name + " ", StringComparison.Ordinal)).Select(n => (n.Name, n.Words, d.Others)))
            .OrderByDescending(m => m.Name.Length).FirstOrDefault();
        return said.Name is null ? (new HashSet<string>(), _all) : (said.Words, said.Others);
    }
}
