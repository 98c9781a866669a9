using EdgeVoice.Bench;
using EdgeVoice.Core;
using EdgeVoice.Intents;
using EdgeVoice.Intents.Templates;
using EdgeVoice.Speech;
using EdgeVoice.Speech.PocketSphinx;
using Xunit.Abstractions;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// The command grammar compiled from Home Assistant's templates (Speech:GrammarSource templates): it says Home
/// Assistant's own test sentences for configured entities, and what it says the intent stage understands.
/// </summary>
public sealed class TemplateGrammarTests(ITestOutputHelper output)
{
    static readonly string HaTests = Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "ha-intents-en", "tests"));
    static readonly TemplateSet Set = TemplateLoader.LoadDefault();
    static readonly string Dictionary = new SpeechOptions().Dictionary;

    static GrammarSource Source(string? satelliteArea = null) =>
        new(new TemplateGrammar(() => Set, satelliteArea, IntentEngine.OnDeviceIntents), only: true, Dictionary);

    /// <summary>Home Assistant's test home as configured devices: each entity with its domain as Type and that domain's actions.</summary>
    static List<DeviceOptions> FixtureDevices()
    {
        var home = HaTestCases.Fixtures(HaTests);
        var areas = home.Areas.ToDictionary(a => a.Id, a => a.Name);
        var devices = home.Entities.Where(e => HaDomains.IsDomain(e.Domain)).Select(e => new DeviceOptions
        {
            Id = e.Id, Name = e.Name, Type = e.Domain, Area = e.AreaId is { } a ? areas.GetValueOrDefault(a, "") : "", CommandTopic = $"test/{e.Id}",
        }).ToList();
        devices.ForEach(HaDomains.ApplyDefaults);
        return devices;
    }

    [Fact]
    public void Grammar_says_home_assistant_test_sentences_that_name_configured_devices()
    {
        if (!Directory.Exists(HaTests)) throw new DirectoryNotFoundException($"{HaTests} is missing: it comes with ../shared (ha-intents-en)");
        var devices = FixtureDevices();
        var grammar = CommandGrammar.Build(devices, answers: false, Source(HaTestCase.SatelliteArea));
        var language = new GrammarLanguage(grammar);
        var intents = new TemplateIntents(Set, devices, HaTestCase.SatelliteArea);
        int total = 0, said = 0;
        var missed = new List<string>();
        foreach (var file in HaTestCases.Files(HaTests).Where(f => !f.HasOwnHome))
            foreach (var c in HaTestCases.Cases(file, HaTests))
            {
                // Only what the intent stage carries out for these devices is a command the grammar must say.
                // A list item is a wildcard, which the JSGF leaves out: those sentences reach the intents only as text.
                if (intents.Recognize(c.Sentence).Count == 0 || Lists.Is(c.Intent)) continue;
                total++;
                // Politeness the intent stage skips ("please", "can you") is not in the grammar: fewer paths to confuse.
                var spoken = WithoutSkipWords(GrammarLanguage.Spoken(c.Sentence));
                if (language.Accepts(spoken)) said++;
                else missed.Add($"{Path.GetFileName(file.Path)}: \"{c.Sentence}\" ({spoken})");
            }
        output.WriteLine($"{said}/{total} ({100.0 * said / total:F1} %) of Home Assistant's test sentences for the fixtures' devices are in the grammar");
        foreach (var m in missed) output.WriteLine("  not in the grammar: " + m);
        Assert.True(total > 100, $"only {total} test sentences name configured devices");
        Assert.True(said >= 0.93 * total, $"{said}/{total} in the grammar; first misses:\n" + string.Join("\n", missed.Take(15)));
    }

    static string WithoutSkipWords(string s)
    {
        var padded = " " + s + " ";
        foreach (var w in Set.SkipWords.OrderByDescending(w => w.Length)) padded = padded.Replace(" " + w + " ", " ");
        return padded.Trim();
    }

    /// <param name="grammarSource">templates: the templates alone; ondevice: the command sentences and the on-device intents' templates.</param>
    [Theory]
    [InlineData("speech-dev", "templates")]
    [InlineData("home", "templates")]
    [InlineData("speech-dev", "ondevice")]
    [InlineData("home", "ondevice")]
    public async Task Every_sentence_the_grammar_can_say_is_understood_as_an_intent(string profile, string grammarSource)
    {
        var devices = Profiles.Load(profile).Devices;
        var source = SourceFamilies.Source(grammarSource, Dictionary)!;
        var grammar = CommandGrammar.Build(devices, answers: false, source);
        var rules = source.Rules(devices);
        output.WriteLine($"{profile}, {grammarSource}: {rules.Sentences.Count} sentence rules, {rules.Rules.Count - rules.Sentences.Count} list rules, " +
            $"{CommandGrammar.Words(grammar).Count()} words, {grammar.Length} characters of JSGF; {rules.Skipped.Count} template sentences left out");
        foreach (var s in rules.Skipped.Take(10)) output.WriteLine("  left out: " + s);
        var engine = Engines.Create(profile);
        // A decoy ("what is the status of the garage") is in the commands grammar so that it is heard and refused, not understood.
        var drawn = SampleSentences.FromGrammar(grammar, 400, seed: 7);
        var samples = drawn.Where(s => !CommandGrammar.MentionsDecoy(s, devices)).ToList();
        output.WriteLine($"{drawn.Count - samples.Count} of {drawn.Count} random sentences name a decoy");
        var misunderstood = new List<string>();
        // Understood = intents, or a tier that answers on the device (time, date, weather, never mind).
        foreach (var s in samples)
            if ((await engine.RecognizeAsync(s)) is { Intents.Count: 0, Tier: "none" }) misunderstood.Add(s);
        double rate = 1 - (double)misunderstood.Count / samples.Count;
        output.WriteLine($"{samples.Count - misunderstood.Count}/{samples.Count} ({100 * rate:F1} %) random sentences of the grammar give an intent");
        foreach (var m in misunderstood.Distinct().Take(30)) output.WriteLine("  no intent: " + m);
        Assert.True(rate >= 0.98, $"{100 * rate:F1} % of the grammar's sentences are understood; e.g. {string.Join(" | ", misunderstood.Take(5))}");
    }
}

public sealed class TemplateGrammarRecognitionTests
{
    [Theory]
    [InlineData("turn the standing light in office on")]
    public async Task Pocketsphinx_hears_a_sentence_only_the_templates_have(string sentence)
    {
        var devices = Profiles.Load("speech-dev");
        Assert.False(new GrammarLanguage(CommandGrammar.Build(devices.Devices, false, null)).Accepts(sentence), "the commands grammar has it too");
        var source = new GrammarSource(new TemplateGrammar(TemplateLoader.LoadDefault, null, IntentEngine.OnDeviceIntents), only: true, new SpeechOptions().Dictionary);
        using var g = SpeechFixtures.Grammar(new Profiles.Monitor<EdgeVoiceOptions>(devices), source: source);
        var t = await g.TranscribeAsync(await SpeechFixtures.SayAsync(sentence));
        Assert.True(t.IsCommand && t.Text == sentence, $"heard '{t.Text}' (candidate '{t.Candidate}', margin {t.Margin:F1}, command {t.IsCommand})");
        Assert.Contains("<h0>", g.Grammar);
    }
}

/// <summary>The family bench's scoring per grammar source (EdgeVoice.Bench SourceFamilies, GrammarGrowthBench).</summary>
public sealed class SourceFamiliesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_sentence_only_the_templates_have_is_covered_and_acts_right_with_the_templates_source()
    {
        const string sentence = "turn the standing light in office on";
        var clips = new[] { new Spoken(sentence, "espeak en-us", await SpeechFixtures.SayAsync(sentence)) };
        var rows = new List<SourceRow>();
        foreach (var source in new[] { "commands", "templates" })
        {
            var w = new StringWriter();
            rows.Add(await SourceFamilies.ScoreAsync("one clip", Profiles.Load("speech-dev"), clips, source, w));
            output.WriteLine(w.ToString());
        }
        // The commands grammar cannot say it (it may still hear another sentence with the same intent).
        Assert.Equal((0, 0), (rows[0].Covered, rows[0].Exact));
        Assert.Equal((1, 1, 1, 0), (rows[1].Covered, rows[1].Understood, rows[1].ActsRight, rows[1].WrongActions));
    }

    [Fact]
    public void The_grown_home_has_the_devices_asked_for_each_with_actions_and_a_name_the_grammar_says()
    {
        var home = GrammarGrowthBench.Grown(40);
        Assert.Equal(40, home.Devices.Count);
        Assert.Equal(40, home.Devices.Select(d => d.Id).Distinct().Count());
        Assert.All(home.Devices, d => Assert.NotEmpty(d.Actions));
        var language = new GrammarLanguage(CommandGrammar.Build(home.Devices));
        Assert.True(language.Accepts("turn on the desk lamp"));
        Assert.Throws<ArgumentOutOfRangeException>(() => GrammarGrowthBench.Grown(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => GrammarGrowthBench.Grown(home.Devices.Count / 4)); // fewer than speech-dev has
    }
}
