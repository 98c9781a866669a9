using EdgeVoice.Audio;
using EdgeVoice.Bench;
using EdgeVoice.Core;
using EdgeVoice.Intents;
using EdgeVoice.Speech.PocketSphinx;
using Xunit.Abstractions;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// The commands grammar (CommandSentences, Speech:GrammarSource commands): every sentence it can say, the rule tier
/// parses to that sentence's own intent; and pocketsphinx hears one sentence of each of Home Assistant's device forms.
/// </summary>
public sealed class DeviceFormGrammarTests(ITestOutputHelper output)
{
    /// <summary>The templates the grammar has a rule for, in the order of its rules t0, t1, ...: those whose every device slot some device fills
    /// (without the template tier, so none of its "what time is it" or "turn on the lights"; none for a kind of device no device is).</summary>
    static List<SentenceTemplate> Emitted(IReadOnlyList<DeviceOptions> devices) => [.. CommandSentences.Templates.Where(t =>
        CommandSentences.Targets(t, devices, templates: null) is { } targets
        && CommandSentences.DeviceSlots.Where(s => t.Pattern.Contains($"{{{s}}}")).All(s => targets.Any(d => CommandSentences.SlotValues(s, d).Any())))];

    [Theory]
    [InlineData("speech-dev")]
    [InlineData("home")]
    [InlineData("factory")]
    public void Every_sentence_of_the_commands_grammar_parses_to_its_own_intent(string profile)
    {
        var devices = Profiles.Load(profile).Devices;
        var grammar = CommandGrammar.Build(devices);
        var rules = new RuleMatcher(devices);
        var templates = Emitted(devices);
        Assert.Equal(templates.Count, grammar.Split('\n').Count(l => l.StartsWith("<t")));
        int said = 0;
        var wrong = new List<string>();
        foreach (var (t, k) in templates.Select((t, k) => (t, k)))
        {
            // This template's rule alone as the grammar: its sentences are known to be its own.
            var one = string.Join('\n', grammar.Split('\n').Select(l => l.StartsWith("public <command>") ? $"public <command> = <t{k}>;" : l));
            foreach (var s in SampleSentences.FromGrammar(one, 40, seed: k).Distinct())
            {
                // Decoys are there to be heard and refused as unknown devices.
                if (CommandGrammar.MentionsDecoy(s, devices)) continue;
                said++;
                var r = rules.Match(s);
                // A number outside a slot's range is refused in words ("Brightness goes from 0 to 100 percent").
                bool outOfRange = r.Outcome == RuleOutcome.NotAllowed && (r.Reply.Contains("between") || r.Reply.Contains("goes from"));
                if (outOfRange) continue;
                if (r.Intents.Count == 0 || r.Intents.Any(i => i.Name != t.Intent))
                    wrong.Add($"'{s}' ({t.Pattern}): {r.Outcome} {string.Join(", ", r.Intents.Select(i => i.Name + " " + i.Device))}");
            }
        }
        output.WriteLine($"{profile}: {templates.Count} templates, {said} sentences, {wrong.Count} not parsed to their intent");
        foreach (var w in wrong.Take(20)) output.WriteLine("  " + w);
        Assert.True(said > templates.Count * 5, $"only {said} sentences sampled");
        Assert.Empty(wrong);
    }

    [Fact]
    public void A_colour_is_in_the_grammar_only_for_a_light_that_takes_one()
    {
        var devices = Profiles.Load("speech-dev").Devices;
        var language = new GrammarLanguage(CommandGrammar.Build(devices));
        Assert.True(language.Accepts("set the bed light to red"));
        Assert.True(language.Accepts("set the lights in the kitchen to turquoise"));
        Assert.False(language.Accepts("set the standing light to red"));
        Assert.False(language.Accepts("set the bed light to magenta"));
        // Without a colour light the colour words are not in the grammar at all.
        Assert.DoesNotContain("turquoise", CommandGrammar.Build(Profiles.Home.Devices));
    }

    [Fact]
    public async Task A_sensor_reading_is_asked_for_as_home_assistant_asks_and_piper_is_heard_saying_it()
    {
        var devices = Profiles.Load("speech-dev");
        var language = new GrammarLanguage(CommandGrammar.Build(devices.Devices));
        Assert.True(language.Accepts("what is the value of outdoor humidity"));
        Assert.True(language.Accepts("what is the value of the outdoor humidity"));
        // Only a sensor has a value to ask for.
        Assert.False(language.Accepts("what is the value of the bed light"));
        Assert.DoesNotContain("value", CommandGrammar.Build(Profiles.Home.Devices));
        using var g = SpeechFixtures.Grammar(devices);
        var t = await g.TranscribeAsync(AudioConvert.Load(Repo.Piper("what is the value of Outdoor Humidity")));
        Assert.True(t.IsCommand && t.Text == "what is the value of outdoor humidity", $"heard '{t.Text}' (candidate '{t.Candidate}', margin {t.Margin:F1})");
    }

    /// <summary>One sentence of each new kind, spoken by espeak-ng, heard word for word by the commands grammar.</summary>
    [Theory]
    [InlineData("open the sliding door in the office")]
    [InlineData("open the blinds in the office")]
    [InlineData("set the color of the bed light to blue")]
    [InlineData("lock the front door")]
    [InlineData("is the front door locked")]
    [InlineData("run party time script")]
    [InlineData("activate mood lighting")]
    [InlineData("pause the tv")]
    [InlineData("next track on the tv")]
    public async Task Pocketsphinx_hears_a_home_assistant_device_form(string sentence)
    {
        var devices = Profiles.Load("speech-dev");
        Assert.True(new GrammarLanguage(CommandGrammar.Build(devices.Devices)).Accepts(sentence), "not in the commands grammar");
        using var g = SpeechFixtures.Grammar(devices);
        var t = await g.TranscribeAsync(await SpeechFixtures.SayAsync(sentence));
        Assert.True(t.IsCommand && t.Text == sentence, $"heard '{t.Text}' (candidate '{t.Candidate}', margin {t.Margin:F1}, command {t.IsCommand})");
    }
}
