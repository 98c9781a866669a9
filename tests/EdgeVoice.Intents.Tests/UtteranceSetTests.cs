using System.Globalization;
using EdgeVoice.Core;
using Xunit.Abstractions;

namespace EdgeVoice.Intents.Tests;

/// <summary>The text test set (utterances.tsv): paraphrases, numbers, areas, negatives and injections.</summary>
public sealed class UtteranceSetTests(ITestOutputHelper output)
{
    public sealed record Case(string Profile, string Kind, string Text, string Expected);

    public static IReadOnlyList<Case> Load() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "utterances.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t')).Select(p => new Case(p[0], p[1], p[2], p[3])).ToList();

    public static string Describe(IntentResult r) =>
        r.Intents.Count == 0 ? "none" : string.Join(";", r.Intents.Select(i =>
            $"{i.Name}:{i.Device ?? "-"}" + string.Concat(i.Slots.Where(s => s.Key != "area").OrderBy(s => s.Key)
                .Select((s, n) => (n == 0 ? ":" : ",") + s.Key + "=" + Convert.ToString(s.Value, CultureInfo.InvariantCulture)))));

    [Fact]
    public async Task Accuracy_on_the_utterance_set()
    {
        var cases = Load();
        Assert.True(cases.Count >= 150, $"only {cases.Count} utterances");
        var wrong = new List<string>();
        var byKind = new Dictionary<string, (int Ok, int All)>();
        foreach (var c in cases)
        {
            using var engine = Engines.Create(c.Profile);
            var got = Describe(await engine.RecognizeAsync(c.Text));
            bool ok = got == c.Expected;
            var k = byKind.GetValueOrDefault(c.Kind);
            byKind[c.Kind] = (k.Ok + (ok ? 1 : 0), k.All + 1);
            if (!ok) wrong.Add($"[{c.Profile}/{c.Kind}] '{c.Text}': expected {c.Expected}, got {got}");
        }
        int total = cases.Count, correct = total - wrong.Count;
        output.WriteLine($"accuracy {correct}/{total} = {100.0 * correct / total:F1}% (rules tier; LLM tier not available here)");
        foreach (var (kind, (ok, all)) in byKind.OrderBy(k => k.Key)) output.WriteLine($"  {kind,-10} {ok}/{all}");
        foreach (var w in wrong) output.WriteLine(w);
        Assert.True(correct >= 0.95 * total, $"accuracy {correct}/{total}\n{string.Join("\n", wrong)}");
        foreach (var kind in new[] { "injection", "unknown", "invalid" })
            Assert.True(byKind[kind].Ok == byKind[kind].All, $"every {kind} case must yield no action:\n{string.Join("\n", wrong.Where(w => w.Contains("/" + kind + "]")))}");
    }

    [Fact]
    public async Task Every_sentence_the_grammar_can_produce_parses_to_its_template_intent()
    {
        // One expansion per template and device: the first alternative of each group, optional parts taken.
        foreach (var profile in new[] { "home", "factory", "speech-dev" })
        {
            var devices = EdgeVoice.Testing.Profiles.Load(profile).Devices;
            // The template tier's sentences (time, date, the satellite's area) have their own tests: OnDeviceSentenceTests, SatelliteAreaGrammarTests.
            foreach (var t in CommandSentences.Templates.Where(t => !t.Here && !t.OnDevice))
                foreach (var d in devices.Where(t.AppliesTo))
                {
                    if (CommandSentences.DeviceSlots.Any(slot => t.Pattern.Contains($"{{{slot}}}") && !CommandSentences.SlotValues(slot, d).Any())) continue;
                    var text = Expand(t.Pattern, d);
                    using var engine = Engines.Create(profile);
                    var r = await engine.RecognizeAsync(text);
                    bool confirm = d.Confirm.Contains(t.Intent);
                    if (confirm) { Assert.Empty(r.Intents); continue; }
                    Assert.True(r.Intents.Any(i => i.Name == t.Intent && (i.Device == d.Id || t.Pattern.Contains("area}") || i.Device is null)),
                        $"{profile}: '{text}' (template '{t.Pattern}') gave {Describe(r)}");
                }
        }
    }

    static string Expand(string pattern, DeviceOptions d)
    {
        var s = System.Text.RegularExpressions.Regex.Replace(pattern, @"\(([^|)]+)[^)]*\)", "$1");
        s = s.Replace("[", "").Replace("]", "");
        s = System.Text.RegularExpressions.Regex.Replace(s, @"\b(\w+) \| \w+\b", "$1");
        foreach (var slot in CommandSentences.DeviceSlots) s = s.Replace($"{{{slot}}}", CommandSentences.SlotValues(slot, d).FirstOrDefault());
        return s.Replace("{number}", "twenty one").Replace("{unit}", "minutes").Replace("{color}", "red").Trim();
    }
}
