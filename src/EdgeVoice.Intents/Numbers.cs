using System.Globalization;

namespace EdgeVoice.Intents;

/// <summary>Spoken and written numbers: "twenty one", "21", "one hundred", "a half", "an hour and a half".</summary>
public static class Numbers
{
    static readonly Dictionary<string, int> Small = new()
    {
        ["zero"] = 0, ["one"] = 1, ["a"] = 1, ["an"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13,
        ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };
    static readonly Dictionary<string, int> Tens = new()
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    /// <summary>Reads a number starting at words[i]; returns how many words it used (0 when none).</summary>
    public static int TryRead(IReadOnlyList<string> words, int i, out double value)
    {
        value = 0;
        if (i >= words.Count) return 0;
        var w = words[i];
        if (double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return 1;
        int used = 0;
        if (Tens.TryGetValue(w, out int t))
        {
            value = t; used = 1;
            if (i + 1 < words.Count && Small.TryGetValue(words[i + 1], out int u) && u is > 0 and < 10 && words[i + 1] is not ("a" or "an"))
            { value += u; used = 2; }
        }
        else if (Small.TryGetValue(w, out int s))
        {
            value = s; used = 1;
        }
        if (used > 0 && i + used < words.Count && words[i + used] == "hundred") { value *= 100; used++; }
        else if (used == 0 && w == "hundred") { value = 100; used = 1; }
        if (used > 0 && i + used + 2 < words.Count + 1 && i + used + 1 < words.Count && words[i + used] == "and" && words[i + used + 1] == "a"
            && i + used + 2 < words.Count && words[i + used + 2] == "half") { value += 0.5; used += 3; }
        return used;
    }

    /// <summary>Seconds from "five minutes", "an hour and a half", "90 seconds", "two and a half minutes", and the sum of
    /// parts said one after another: "1 hour and 1 minute", "six hours twenty minutes".</summary>
    public static int? Duration(IReadOnlyList<string> words)
    {
        for (int i = 0; i < words.Count; i++)
        {
            if (!Part(words, i, out double total, out int used)) continue;
            int j = i + used;
            while (true)
            {
                int next = j < words.Count && words[j] == "and" ? j + 1 : j;
                if (!Part(words, next, out double more, out used)) break;
                total += more;
                j = next + used;
            }
            return (int)Math.Round(total);
        }
        return null;
    }

    /// <summary>One number and its unit at words[i] ("five minutes", "an hour and a half"): its seconds and the words it used.</summary>
    static bool Part(IReadOnlyList<string> words, int i, out double seconds, out int used)
    {
        seconds = 0;
        used = TryRead(words, i, out double v);
        if (used == 0 || i + used >= words.Count) return false;
        int j = i + used;
        double unit = words[j].TrimEnd('s') switch { "second" or "sec" => 1, "minute" or "min" => 60, "hour" => 3600, _ => -1 };
        if (unit < 0) return false;
        seconds = v * unit;
        used++;
        if (unit >= 60 && words.Skip(j + 1).Take(3).SequenceEqual(["and", "a", "half"])) { seconds += unit / 2; used += 3; }
        return true;
    }
}
