using EdgeVoice.Core;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// The sentences one slip away from a heard command that would do something else: the opposite action,
/// every other number, every other name, area or colour (decoys included), each but a number also said in the other
/// word orders of its sentences. The check decoders score the heard sentence among them and them alone; a command
/// the audio does not fit clearly better than its nearest rival is asked back.
/// </summary>
public static class Rivals
{
    static readonly (string, string)[] Opposites =
        [("on", "off"), ("open", "close"), ("start", "stop"), ("lock", "unlock"), ("pause", "resume"), ("seconds", "minutes"), ("minutes", "hours"), ("seconds", "hours")];

    static readonly HashSet<string> NumberWords = [.. Enumerable.Range(0, 101).SelectMany(n => CommandGrammar.NumberWords(n)!.Split(' '))];

    /// <summary>
    /// Whether a heard word decides what a command does such that one slip executes something else: an action
    /// or unit with an opposite ("on", "off", "seconds"), or a number word.
    /// </summary>
    public static bool AtStake(string word) => NumberWords.Contains(word) || HasOpposite(word);

    /// <summary>Whether a heard word is an action or unit with an opposite ("on", "start", "minutes").</summary>
    public static bool HasOpposite(string word) => Opposites.Any(o => o.Item1 == word || o.Item2 == word);

    /// <summary>Whether two transcripts have the same words at stake (<see cref="AtStake"/>), in the same order.</summary>
    public static bool SameStakes(string a, string b) => Stakes(a).SequenceEqual(Stakes(b));

    static IEnumerable<string> Stakes(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(AtStake);

    /// <summary>Rivals of <paramref name="heard"/> whose every word <paramref name="known"/> accepts (the check decoder's dictionary).</summary>
    public static IReadOnlyList<string> Of(string heard, IReadOnlyList<DeviceOptions> devices, Func<string, bool> known)
    {
        // A whole answer ("stop", "no thanks") is no command: "start" would be no answer at all (answers: EXPERIMENTS.md, session 19).
        if (Replies.IsWhole(heard)) return [];
        var words = heard.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var rivals = new HashSet<string>(StringComparer.Ordinal);
        var numbered = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++)
            foreach (var (a, b) in Opposites)
                if (words[i] == a || words[i] == b) rivals.Add(Replace(words, i, 1, words[i] == a ? b : a));
        for (int i = 0; i < words.Length; i++)
        {
            if (!NumberWords.Contains(words[i])) continue;
            int end = i;
            while (end < words.Length && NumberWords.Contains(words[end])) end++;
            for (int n = 0; n <= 100; n++) numbered.Add(Replace(words, i, end - i, CommandGrammar.NumberWords(n)!));
            i = end;
        }
        // A name is replaced by another device's name or a decoy, an area by another area, a colour by another; another name of
        // the same device ("kettle plug" for "kettle") does the same thing and is no rival.
        var names = devices.SelectMany(d => d.SpokenNames()).Concat(CommandGrammar.Decoys);
        var areas = devices.Select(d => d.Area);
        // Only a whole name is replaced: "kettle" inside "kettle plug" made "the kitchen light plug", which no one says
        // (session 27).
        foreach (var group in new[] { names, areas, CommandSentences.Colors }.Select(g => g.Select(CommandGrammar.SpokenForm).Where(s => s.Length > 0).Distinct().ToList()))
        {
            var found = group.SelectMany(name => Occurrences(words, name).Select(i => (Name: name, At: i, Length: name.Split(' ').Length))).ToList();
            foreach (var (name, at, length) in found)
            {
                if (found.Any(f => f.Length > length && f.At <= at && at + length <= f.At + f.Length)) continue;
                foreach (var other in group.Where(o => !Paraphrases.SameDevice(o, name, devices)))
                    rivals.Add(Replace(words, at, length, other));
            }
        }
        // A slip of the action or the device, said the other ways the sentences say it; not a number's, which would say
        // a hundred numbers many times over.
        var meant = Paraphrases.Meanings(heard, devices).ToHashSet(StringComparer.Ordinal);
        foreach (var slip in rivals.ToList())
            rivals.UnionWith(Paraphrases.Of(slip, devices, except: meant));
        rivals.UnionWith(numbered);
        rivals.Remove(heard);
        // A sentence nothing slips to is checked against itself cut short: its last word may be one the speaker never said,
        // the end of another word stretched over the silence ("cancelled" was heard and executed as "cancel timer", session 32).
        if (rivals.Count == 0 && words.Length > 1) rivals.Add(string.Join(' ', words[..^1]));
        return [.. rivals.Where(r => r.Split(' ').All(known)).Order(StringComparer.Ordinal)];
    }

    /// <summary>Where the words of <paramref name="name"/> stand in <paramref name="words"/>.</summary>
    static IEnumerable<int> Occurrences(string[] words, string name)
    {
        var n = name.Split(' ');
        for (int i = 0; i + n.Length <= words.Length; i++)
            if (words.AsSpan(i, n.Length).SequenceEqual(n)) yield return i;
    }

    static string Replace(string[] words, int at, int count, string with) =>
        string.Join(' ', words[..at].Append(with).Concat(words[(at + count)..]));

    /// <summary>A JSGF grammar that says exactly <paramref name="sentences"/>.</summary>
    /// <param name="lead">Noise may come first, as in the command search it checks (<see cref="Lead"/>).</param>
    /// <remarks>
    /// The sentences are written as a word tree: rivals share all but a word or two ("set the living room light to …"), and
    /// a hundred numbers as a hundred whole sentences made the search carry a hundred copies of the same words.
    /// </remarks>
    public static string Grammar(IEnumerable<string> sentences, bool lead = true) =>
        "#JSGF V1.0;\ngrammar check;\n" + (lead ? Lead.Rule : "") + "public <s> = " + (lead ? Lead.Before : "") + "( " +
        WordTree.Of(sentences).Jsgf() + " );\n";

    sealed class WordTree
    {
        readonly SortedDictionary<string, WordTree> _next = new(StringComparer.Ordinal);
        bool _ends;

        public static WordTree Of(IEnumerable<string> sentences)
        {
            var root = new WordTree();
            foreach (var s in sentences)
            {
                var node = root;
                foreach (var w in s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    node = node._next.TryGetValue(w, out var n) ? n : node._next[w] = new WordTree();
                node._ends = true;
            }
            return root;
        }

        /// <summary>This node's continuations as a JSGF expression; optional when a sentence may also end here.</summary>
        public string Jsgf()
        {
            var ways = _next.Select(kv => kv.Value.Jsgf() is { Length: > 0 } rest ? $"{kv.Key} {rest}" : kv.Key).ToList();
            if (ways.Count == 0) return "";
            var body = ways.Count == 1 ? ways[0] : "( " + string.Join(" | ", ways) + " )";
            return _ends ? $"[ {body} ]" : body;
        }
    }
}
