namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// A free word loop over everyday English plus the command vocabulary. Decoding the same audio with it
/// tells how much better the command grammar fits than "anything at all": out-of-grammar speech fits
/// the free loop about as well or better, real commands fit the grammar clearly better.
/// </summary>
public static class FreeSpeech
{
    static readonly string[] Everyday =
    [
        "a", "about", "after", "again", "all", "also", "always", "am", "americans", "an", "and", "any", "are",
        "around", "as", "ask", "at", "away", "back", "bathroom", "be", "because", "bedroom", "been", "before",
        "being", "best", "better", "big", "boil", "both", "but", "by", "call", "can", "car", "come", "could",
        "country", "day", "did", "dinner", "do", "does", "doing", "door", "down", "each", "egg", "eggs", "even",
        "every", "father", "fellow", "find", "first", "for", "friend", "from", "garage", "garden", "get", "give",
        "go", "going", "good", "got", "had", "hall", "has", "have", "he", "her", "here", "him", "his", "house",
        "how", "i", "if", "ignore", "in", "instructions", "into", "is", "it", "just", "know", "last", "let", "like",
        "little", "lock", "long", "look", "made", "make", "many", "may", "me", "money", "more", "most", "mother",
        "much", "music", "must", "my", "need", "never", "new", "news", "next", "no", "not", "now", "of", "off",
        "office", "old", "on", "once", "one", "only", "or", "order", "other", "our", "out", "over", "own", "people",
        "phone", "pizza", "play", "please", "president", "publish", "put", "right", "said", "same", "say", "see",
        "she", "should", "show", "so", "some", "song", "still", "such", "take", "tell", "than", "thank", "thanks",
        "that", "the", "their", "them", "then", "there", "these", "they", "thing", "think", "this", "those", "three",
        "through", "time", "to", "today", "tomorrow", "tonight", "too", "topic", "two", "unlock", "up", "us", "use",
        "very", "want", "was", "water", "way", "we", "weather", "well", "were", "what", "when", "where", "which",
        "while", "who", "why", "will", "window", "with", "work", "world", "would", "year", "yes", "yet", "you",
        "your"
    ];

    public static string Build(IEnumerable<string> commandWords) =>
        "#JSGF V1.0;\ngrammar free;\npublic <s> = <w>+;\n<w> = " +
        string.Join(" | ", Everyday.Concat(commandWords).Distinct().Order()) + ";\n";
}
