using System.Diagnostics;
using EdgeVoice.Intents.Templates;
using EdgeVoice.Testing;

namespace EdgeVoice.Bench;

/// <summary>Home Assistant's sentence templates: load and compile time, memory of the compiled set, match latency over HA's test sentences.</summary>
public static class TemplateBench
{
    public static void Run(int rounds = 5)
    {
        var testsDir = Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "ha-intents-en", "tests"));
        var home = HaTestCases.Fixtures(testsDir);
        var cases = HaTestCases.Files(testsDir).Where(f => !f.HasOwnHome).SelectMany(f => HaTestCases.Cases(f, testsDir)).ToList();

        long before = GC.GetTotalMemory(forceFullCollection: true);
        var (matcher, first) = Load(home);
        long bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(matcher);
        var warm = Enumerable.Range(0, 3).Select(_ => Load(home).Ms).Min();
        var times = new List<double>();
        var slow = new List<(double Ms, string Sentence)>();
        int matched = 0;
        for (int r = 0; r < rounds; r++)
            foreach (var c in cases)
            {
                var sw = Stopwatch.StartNew();
                var m = matcher.Match(c.Sentence, c.Context);
                times.Add(sw.Elapsed.TotalMilliseconds);
                if (r == rounds - 1) slow.Add((sw.Elapsed.TotalMilliseconds, c.Sentence));
                if (r == 0 && m?.Intent == c.Intent) matched++;
            }
        var t = new Table("what", "value", "target");
        t.Add("sentences compiled (full English set)", matcher.SentenceCount, "");
        t.Add("load + compile, first / best of 3 more, ms", $"{first:F0} / {warm:F0}", "");
        t.Add("compiled templates, MB (managed heap)", bytes / 1048576.0, "");
        t.Add($"match ms, median over {times.Count} ({cases.Count} test sentences x {rounds})", Stats.Median(times), "<= 5 ms");
        t.Add("match ms, p95", Stats.Percentile(times, 95), "");
        t.Add("right intent (first round)", $"{matched}/{cases.Count}", "");
        // The p95 is mostly the scheduler when other work shares the cores: say how busy they were.
        t.Add("load average (1 min) after the run", File.ReadAllText("/proc/loadavg").Split(' ')[0], $"{Environment.ProcessorCount} cores");
        t.Print("Intents: Home Assistant sentence templates (fixtures home)");
        Console.WriteLine("slowest: " + string.Join("; ", slow.OrderByDescending(x => x.Ms).Take(5).Select(x => $"\"{x.Sentence}\" {x.Ms:F1} ms")));
    }

    static (TemplateMatcher Matcher, double Ms) Load(TemplateHome home)
    {
        var sw = Stopwatch.StartNew();
        var matcher = new TemplateMatcher(TemplateLoader.LoadDirectory(TemplateLoader.DefaultDirectory), home);
        return (matcher, sw.Elapsed.TotalMilliseconds);
    }
}
