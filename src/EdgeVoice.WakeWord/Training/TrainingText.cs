using System.Diagnostics;
using EdgeVoice.Core;

namespace EdgeVoice.WakeWord.Training;

/// <summary>
/// What the trainer says, and in which voices. Held out from the bench by construction: none of
/// <see cref="Synth.Voices"/> and none of <see cref="BenchTexts"/> appear here
/// (<see cref="CheckHeldOut"/> enforces it, also for the near misses derived from a phrase).
/// </summary>
public static class TrainingText
{
    /// <summary>espeak-ng voices for training: other accents, or the bench's accents with other variants.</summary>
    public static readonly string[] Voices =
    [
        "en-us-nyc", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-us+m2", "en-us+f4", "en-us+m5", "en-us+klatt", "en-us+m7",
        "en-gb+m4", "en-gb+f1", "en-gb+m6", "en-gb+klatt2", "en-gb-x-rp+m2", "en-gb-x-rp+f5", "en-gb-scotland+m4",
        "en-gb-scotland+f4", "en-029+m2", "en-029+f1", "en-029+m6", "en-us-nyc+f5", "en-gb-x-gbclan+m7",
        "en-gb-x-gbcwmd+f1", "en-us+Andy", "en-us+Annie", "en-gb+Alex", "en-029+klatt", "en-us-nyc+m4",
        "en-gb-x-rp+m6", "en-gb-x-rp+f2", "en-gb-x-rp+klatt", "en-gb-scotland+m7", "en-gb-scotland+f1", "en-gb-scotland+klatt2",
    ];

    /// <summary>Voices kept out of training and used only for the trainer's own validation split.</summary>
    public static readonly string[] ValidationVoices = ["en-us+m6", "en-gb+f4", "en-029+m4", "en-gb-x-gbclan+f1"];

    public static readonly string[] Sentences =
    [
        "could you water the plants while I am away", "the bus was late again this morning", "we are out of coffee beans",
        "put the kettle on, would you", "I left my umbrella at the office", "the cat knocked a cup off the table",
        "let's have pasta for dinner tonight", "the neighbours are painting their fence", "my phone battery is almost empty",
        "the train to the city leaves at nine", "remember to call grandma on sunday", "the oven needs cleaning",
        "have you seen my reading glasses", "the garden looks lovely in the spring", "he works at the harbour office",
        "our football team lost again", "the library closes early on friday", "I'll pick the children up from school",
        "there is a parcel at the front door", "the soup needs a little more pepper", "Marvin bought a new jacket",
        "Jarvie and Harvey are old friends", "a large carving knife is in the drawer", "the artist painted a canvas",
        "they travelled by car across the country", "the garlic bread is in the oven", "a jaguar is a big cat",
        "hello, is anybody home", "hey, look at that bird", "the car alarm went off twice", "the jury reached a verdict",
        "he parked the van by the gate", "the heating bill was very high", "Davis is starting a new job",
        "the starving dog ate everything", "please pass the orange juice", "I heard a noise in the attic",
        "the children are playing in the yard", "Charlotte plays the violin", "she's going to Paris in March",
    ];

    /// <summary>Command-like phrases that follow some training wake phrases (the bench's commands are not used).</summary>
    public static readonly string[] Commands =
    [
        "dim the hallway lamp", "turn up the heating", "play some music in the lounge", "lock the back door",
        "what time is it", "switch on the porch light", "open the garage", "set an alarm for seven",
        "turn the radio down", "is the oven still on",
    ];

    public static readonly string[] Words =
    [
        "carnival", "garlic", "javelin", "larva", "harbour", "heavy", "hello", "travel", "canvas", "artist", "starving",
        "parcel", "Charles", "Harvey", "Jarvie", "Mavis", "Davis", "carving", "jaguar", "gravel", "hey you", "okay",
        "morning", "yes", "no", "stop", "thanks", "coffee", "Marvin", "garden", "party", "Jasmine", "hazy", "halfway",
        "army", "cargo", "Java", "obvious", "previous", "purpose",
    ];

    /// <summary>
    /// Near misses derived by rule from any phrase: its words alone and in other orders, the last word
    /// cut short (alone and after the other words, also with a different ending) and the words with the
    /// first vowel or leading consonant swapped. Dropped: candidates espeak-ng pronounces exactly like the
    /// phrase, and any text the bench uses (for "hey jarvis" the rule makes "hey" and "hey jar", which the
    /// bench measures; "hey ja", "hey jarv", "hey jared" ... stay).
    /// </summary>
    public static List<string> NearMisses(string phrase, int seed)
    {
        var rng = new Random(seed);
        var words = phrase.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) throw new ArgumentException("empty phrase");
        var head = string.Join(' ', words[..^1]);
        string With(string last) => (head + " " + last).Trim();
        var last = words[^1];
        var c = new List<string>();
        if (words.Length > 1)
        {
            c.Add(words[0]); c.Add(last); c.Add(head); c.Add(string.Join(' ', words.Reverse()));
            // The same start with another name: "hey Harvey", "hey Mavis".
            foreach (var w in rng.GetItems(Words, 8)) c.Add(head + " " + w.ToLowerInvariant());
        }
        for (int k = 2; k <= last.Length - 2; k++)
        {
            c.Add(With(last[..k]));
            if (k >= 3) foreach (var end in rng.GetItems(["o", "y", "ed", "um", "et", "ing", "ey"], 2)) c.Add(With(last[..k] + end));
        }
        for (int w = 0; w < words.Length; w++)
            foreach (var swapped in Swaps(words[w], rng))
                c.Add(string.Join(' ', words.Select((x, i) => i == w ? swapped : x)));
        var sayPhrase = Phonemes(phrase);
        return c.Distinct().Where(x => x != phrase.ToLowerInvariant() && !InBench(x) && Phonemes(x) != sayPhrase).ToList();
    }

    /// <summary>The word with its first vowel group or leading consonants replaced (3 each, by the seed).</summary>
    static IEnumerable<string> Swaps(string word, Random rng)
    {
        const string vowels = "aeiouy";
        int v = word.IndexOfAny(vowels.ToCharArray());
        if (v < 0) yield break;
        int vEnd = v;
        while (vEnd < word.Length && vowels.Contains(word[vEnd])) vEnd++;
        foreach (var nv in rng.GetItems(["a", "e", "i", "o", "u", "oo", "ee", "ai"], 4).Where(x => x != word[v..vEnd]).Distinct())
            yield return word[..v] + nv + word[vEnd..];
        foreach (var nc in rng.GetItems(["b", "d", "g", "k", "m", "n", "p", "s", "t", "l", "r", "w", "ch", "sh"], 4).Where(x => x != word[..v]).Distinct())
            yield return nc + word[v..];
    }

    /// <summary>espeak-ng's American phonemes for a text (to drop near misses that sound like the phrase).</summary>
    static string Phonemes(string text)
    {
        var psi = new ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false }.WithoutSecrets();
        foreach (var a in new[] { "-q", "-x", "-v", "en-us", text }) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var s = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return s.Replace("'", "").Replace(",", "").Trim();
        }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException("espeak-ng is not installed: apt-get install espeak-ng", e); }
    }

    /// <summary>Throws when any training voice or text is one the bench uses (its figures would not be held out).</summary>
    public static void CheckHeldOut(IEnumerable<string> texts)
    {
        var voices = Voices.Concat(ValidationVoices).Intersect(Synth.Voices, StringComparer.OrdinalIgnoreCase).ToList();
        if (voices.Count > 0) throw new InvalidOperationException("training uses bench voices: " + string.Join(", ", voices));
        var clash = texts.Where(InBench).ToList();
        if (clash.Count > 0) throw new InvalidOperationException("training uses bench texts: " + string.Join(", ", clash));
    }

    static readonly HashSet<string> SaidByBench = BenchTexts.Commands.Concat(BenchTexts.Chatter).Concat(BenchTexts.NearMisses)
        .Concat(BenchTexts.HardNearMisses).Select(Norm).ToHashSet();

    public static bool InBench(string text) => SaidByBench.Contains(Norm(text));

    static string Norm(string s) => new(s.ToLowerInvariant().Where(ch => char.IsLetter(ch) || ch == ' ').ToArray());
}
