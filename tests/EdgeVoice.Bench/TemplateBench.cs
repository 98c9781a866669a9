using System.Diagnostics;
using EdgeVoice.Intents;
using EdgeVoice.Intents.Templates;
using EdgeVoice.Testing;
using EdgeVoice.WakeWord.Training;

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

    /// <summary>
    /// What every utterance pays for the template match IntentEngine makes before the rules (so a list item
    /// that names a device goes to the list): two engines on the home profile, templates on and off, each
    /// utterance timed on both in turn (order alternating by round). No LLM, so chatter ends at the rules' reply.
    /// </summary>
    public static void PerUtterance(int rounds = 20)
    {
        string[] said = [.. BenchTexts.Commands, .. BenchTexts.Chatter];
        const string noLlm = "/dev/null/none.gguf";
        using var with = Engines.Create(o: new IntentOptions { LlmModel = noLlm });
        using var without = Engines.Create(o: new IntentOptions { LlmModel = noLlm, Templates = false });
        var compile = Stopwatch.StartNew();
        with.WarmUp();
        double compileMs = compile.Elapsed.TotalMilliseconds;
        foreach (var s in said) { Time(with, s); Time(without, s); } // JIT and first-use caches
        var on = new List<double>();
        var off = new List<double>();
        var extra = new List<double>();
        for (int r = 0; r < rounds; r++)
            foreach (var s in said)
            {
                double a, b;
                if (r % 2 == 0) { a = Time(with, s); b = Time(without, s); }
                else { b = Time(without, s); a = Time(with, s); }
                on.Add(a);
                off.Add(b);
                extra.Add(a - b);
            }
        static string Ms(double x) => x.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
        var t = new Table("per utterance, ms", "median", "p95");
        t.Add($"intent engine with the template match ({said.Length} utterances x {rounds})", Ms(Stats.Median(on)), Ms(Stats.Percentile(on, 95)));
        t.Add("same engine, templates off", Ms(Stats.Median(off)), Ms(Stats.Percentile(off, 95)));
        t.Add("difference, same utterance and round", Ms(Stats.Median(extra)), Ms(Stats.Percentile(extra, 95)));
        t.Add($"of which commands ({BenchTexts.Commands.Length})", Ms(Stats.Median(Part(extra, said.Length, 0, BenchTexts.Commands.Length))), "");
        t.Add($"of which chatter ({BenchTexts.Chatter.Length})", Ms(Stats.Median(Part(extra, said.Length, BenchTexts.Commands.Length, said.Length))), "");
        t.Add("template compile at start-up (home profile), ms", Ms(compileMs), "");
        t.Add("load average (1 min) after the run", File.ReadAllText("/proc/loadavg").Split(' ')[0], "");
        t.Print("Intents: the template match every utterance pays (home profile, BenchTexts commands + chatter)");
        // A p95 far above the median is either the scheduler (load) or a few slow sentences: the per-sentence medians say which.
        var bySentence = said.Select((x, i) => (x, Ms: Stats.Median(Part(extra, said.Length, i, i + 1)))).OrderByDescending(x => x.Ms);
        Console.WriteLine("largest per-sentence median differences: " + string.Join("; ", bySentence.Take(3).Select(x => $"\"{x.x}\" {x.Ms:F2} ms")));
    }

    static double Time(IntentEngine engine, string text)
    {
        var sw = Stopwatch.StartNew();
        engine.RecognizeAsync(text).GetAwaiter().GetResult();
        return sw.Elapsed.TotalMilliseconds;
    }

    static List<double> Part(List<double> xs, int per, int from, int to) =>
        [.. xs.Where((_, i) => i % per >= from && i % per < to)];

    static (TemplateMatcher Matcher, double Ms) Load(TemplateHome home)
    {
        var sw = Stopwatch.StartNew();
        var matcher = new TemplateMatcher(TemplateLoader.LoadDirectory(TemplateLoader.DefaultDirectory), home);
        return (matcher, sw.Elapsed.TotalMilliseconds);
    }
}
