namespace EdgeVoice.Intents.Templates;

/// <summary>Whole numbers said as words, read from a position in normalised text: every prefix that is a number.</summary>
static class SpokenNumbers
{
    static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];
    static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>Longest reading first: "twenty one" gives 21 then 20.</summary>
    public static IEnumerable<(double Value, int End)> Read(string s, int pos)
    {
        var found = new List<(double, int)>();
        if (Word(s, pos, out var w, out int next) && Index(Units, w) is int h and > 0
            && Word(s, Skip(s, next), out var w2, out int afterHundred) && w2 == "hundred")
        {
            // "one hundred [and] twenty one"
            found.Add((h, next));
            found.Add((h * 100, afterHundred));
            int q = Skip(s, afterHundred);
            if (Word(s, q, out var and, out int afterAnd) && and == "and") q = Skip(s, afterAnd);
            ReadBelowHundred(s, q, h * 100, found);
        }
        else ReadBelowHundred(s, pos, 0, found);
        found.Reverse();
        return found;
    }

    static void ReadBelowHundred(string s, int p, double baseValue, List<(double, int)> found)
    {
        if (!Word(s, p, out var w, out int next)) return;
        if (Index(Units, w) is int u)
        {
            if (baseValue == 0 || u > 0) found.Add((baseValue + u, next));
            return;
        }
        if (Index(Tens, w) is int t && t >= 2)
        {
            found.Add((baseValue + t * 10, next));
            if (Word(s, Skip(s, next), out var w2, out int next2) && Index(Units, w2) is int u2 and > 0 and < 10)
                found.Add((baseValue + t * 10 + u2, next2));
        }
    }

    static int Skip(string s, int p) => p < s.Length && s[p] == ' ' ? p + 1 : p;

    static bool Word(string s, int p, out string word, out int end)
    {
        end = p;
        while (end < s.Length && char.IsAsciiLetterLower(s[end])) end++;
        word = s[p..end];
        return end > p;
    }

    static int? Index(string[] words, string w)
    {
        int i = Array.IndexOf(words, w);
        return i < 0 || w.Length == 0 ? null : i;
    }
}
