namespace EdgeVoice.Bench;

public static class Stats
{
    public static double Median(IReadOnlyCollection<double> xs) => Percentile(xs, 50);

    public static double Percentile(IReadOnlyCollection<double> xs, double p)
    {
        if (xs.Count == 0) return double.NaN;
        var s = xs.OrderBy(x => x).ToArray();
        double rank = p / 100 * (s.Length - 1);
        int lo = (int)Math.Floor(rank), hi = (int)Math.Ceiling(rank);
        return s[lo] + (s[hi] - s[lo]) * (rank - lo);
    }

    /// <summary>Peak resident set of this process in MB (VmHWM), the figure the RSS target is about.</summary>
    public static double PeakRssMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:"))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        return double.NaN;
    }
}

/// <summary>A markdown table, so bench output can be pasted into an issue note as it is.</summary>
public sealed class Table(params string[] headers)
{
    readonly List<string[]> _rows = [];
    public void Add(params object[] cells) => _rows.Add(cells.Select(c => c switch
    {
        double d when double.IsNaN(d) => "n/a",
        double d => d.ToString(d >= 100 ? "F0" : "F1", System.Globalization.CultureInfo.InvariantCulture),
        _ => c?.ToString() ?? "",
    }).ToArray());

    public void Print(string title)
    {
        Console.WriteLine($"\n### {title}\n");
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        string Row(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
        Console.WriteLine(Row(headers));
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var r in _rows) Console.WriteLine(Row(r));
    }
}
