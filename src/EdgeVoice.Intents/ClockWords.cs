using System.Globalization;

namespace EdgeVoice.Intents;

/// <summary>The time and the date in words, so every voice reads them the same way ("three oh five PM").</summary>
public static class ClockWords
{
    static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];
    static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    static readonly string[] Ordinals =
    [
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
    ];

    /// <summary>0 to 99 in words.</summary>
    public static string Number(int n) => n switch
    {
        < 20 => Units[n],
        _ when n % 10 == 0 => Tens[n / 10],
        _ => Tens[n / 10] + " " + Units[n % 10],
    };

    /// <summary>1 to 31: "fourth", "twenty first", "thirtieth".</summary>
    public static string Ordinal(int n) => n switch
    {
        <= 20 => Ordinals[n],
        30 => "thirtieth",
        _ => Tens[n / 10] + " " + Ordinals[n % 10],
    };

    /// <summary>"It is three oh five PM."</summary>
    public static string Time(DateTimeOffset t)
    {
        int h = t.Hour % 12 == 0 ? 12 : t.Hour % 12;
        var minutes = t.Minute switch { 0 => "o'clock", < 10 => "oh " + Number(t.Minute), _ => Number(t.Minute) };
        return $"It is {Number(h)} {minutes} {(t.Hour < 12 ? "AM" : "PM")}.";
    }

    /// <summary>"Today is Friday, December fourth, twenty twenty six."</summary>
    public static string Date(DateTimeOffset t)
    {
        var year = t.Year is >= 2000 and < 2010 ? "two thousand" + (t.Year == 2000 ? "" : " " + Number(t.Year % 100))
            : Number(t.Year / 100) + " " + (t.Year % 100 == 0 ? "hundred" : t.Year % 100 < 10 ? "oh " + Number(t.Year % 100) : Number(t.Year % 100));
        var day = t.ToString("dddd", CultureInfo.InvariantCulture);
        var month = t.ToString("MMMM", CultureInfo.InvariantCulture);
        return $"Today is {day}, {month} {Ordinal(t.Day)}, {year}.";
    }
}
