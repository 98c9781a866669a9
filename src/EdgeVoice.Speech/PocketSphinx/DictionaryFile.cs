namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// Just the entries a decoder needs from a pocketsphinx dictionary. A decoder keeps its whole dictionary
/// in memory, about 25 MB for cmudict-en-us, and the recogniser runs four decoders and the wake verifier
/// one more, while a grammar uses a few hundred words: each decoder loads a file of those words alone.
/// </summary>
internal static class DictionaryFile
{
    /// <summary>
    /// Every pronunciation the dictionary gives each of <paramref name="words"/>, in its order ("read" →
    /// "R EH D", "R IY D"); words it lacks are left out. One pass over the file.
    /// </summary>
    public static Dictionary<string, List<string>> Lookup(string dictionary, IEnumerable<string> words)
    {
        var wanted = words.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(dictionary))
        {
            int space = line.IndexOf(' ');
            if (space <= 0) continue;
            var name = line[..space];
            int variant = name.IndexOf('(');
            var word = variant > 0 && name.EndsWith(')') ? name[..variant] : name;
            if (!wanted.Contains(word)) continue;
            if (!found.TryGetValue(word, out var list)) found[word] = list = [];
            list.Add(line[(space + 1)..].Trim());
        }
        return found;
    }

    /// <summary>The name of a word's n-th pronunciation (0-based) in a pocketsphinx dictionary: "read", "read(2)".</summary>
    public static string EntryName(string word, int n) => n == 0 ? word : $"{word}({n + 1})";

    /// <summary>
    /// Writes <paramref name="entries"/> as a dictionary file for <c>-dict</c> and returns its path. The
    /// decoder reads it while it is created: delete it after that.
    /// </summary>
    public static string Write(Dictionary<string, List<string>> entries)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgevoice-{Environment.ProcessId}-{Guid.NewGuid():N}.dict");
        File.WriteAllLines(path, entries.SelectMany(e => e.Value.Select((phones, n) => $"{EntryName(e.Key, n)} {phones}")));
        return path;
    }
}
