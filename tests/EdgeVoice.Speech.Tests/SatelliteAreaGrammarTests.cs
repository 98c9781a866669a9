using EdgeVoice.Bench;
using EdgeVoice.Core;
using EdgeVoice.Intents;
using EdgeVoice.Speech.PocketSphinx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// "Turn on the lights" names no area: with Intents:SatelliteArea set it means the lights of the area the device stands
/// in, which the template tier understands. The commands grammar says those sentences only then, and everything it
/// says of them the intent engine turns into that sentence's own intent on that area's lights.
/// </summary>
public sealed class SatelliteAreaGrammarTests(ITestOutputHelper output)
{
    static readonly IReadOnlyList<DeviceOptions> Devices = Profiles.Load("speech-dev").Devices;

    [Theory]
    [InlineData("turn on the lights")]
    [InlineData("turn the lights on")]
    [InlineData("turn off the lights in here")]
    [InlineData("turn the lights off in here")]
    [InlineData("turn off all of the lights in here")]
    [InlineData("set brightness to fifty percent")]
    [InlineData("set lights to red")]
    [InlineData("set color of lights to green")]
    public void The_grammar_says_them_only_with_an_area_whose_lights_can_do_it(string sentence)
    {
        Assert.False(new GrammarLanguage(CommandGrammar.Build(Devices)).Accepts(sentence), "said without a satellite area");
        Assert.True(new GrammarLanguage(CommandGrammar.Build(Devices, templates: new("kitchen"))).Accepts(sentence), "not said with the kitchen's lights");
        // The office's standing light only turns on and off; the garage has no light at all.
        bool onOff = !sentence.StartsWith("set");
        Assert.Equal(onOff, new GrammarLanguage(CommandGrammar.Build(Devices, templates: new("office"))).Accepts(sentence));
        Assert.False(new GrammarLanguage(CommandGrammar.Build(Devices, templates: new("garage"))).Accepts(sentence));
    }

    [Fact]
    public void Without_a_satellite_area_the_grammar_is_what_it_was() =>
        Assert.Equal(CommandGrammar.Build(Devices, templates: new()), CommandGrammar.Build(Devices, templates: new("garage")));

    [Fact]
    public async Task Every_sentence_the_grammar_says_for_the_area_acts_on_its_lights()
    {
        var grammar = CommandGrammar.Build(Devices, templates: new("kitchen"));
        var without = new GrammarLanguage(CommandGrammar.Build(Devices, templates: new()));
        var sentences = SampleSentences.FromGrammar(grammar, 3000, seed: 7).Distinct().Where(s => !without.Accepts(s)).ToList();
        Assert.True(sentences.Count >= 20, $"only {sentences.Count} sentences of the satellite's area drawn");
        using var engine = Engines.Create("speech-dev", new IntentOptions { SatelliteArea = "kitchen" });
        var wrong = new List<string>();
        foreach (var s in sentences)
        {
            var r = await engine.RecognizeAsync(s);
            var words = s.Split(' ');
            var expected = words[0] == "set" ? IntentNames.LightSet : words.Contains("off") ? IntentNames.TurnOff : IntentNames.TurnOn;
            if (!(r.Intents.Count == 1 && r.Intents[0].Device == "kitchen_lights" && r.Intents[0].Name == expected))
                wrong.Add($"'{s}' → {string.Join("; ", r.Intents.Select(i => $"{i.Name}:{i.Device}:{string.Join(",", i.Slots.Select(k => $"{k.Key}={k.Value}"))}"))} ({r.Tier}) '{r.Reply}'");
        }
        output.WriteLine($"{sentences.Count} sentences, {wrong.Count} not understood");
        foreach (var w in wrong) output.WriteLine(w);
        Assert.Empty(wrong);
    }

    /// <summary>As the host wires it: Intents:SatelliteArea reaches the recogniser's grammar, only with the template tier on.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_host_hears_them_with_the_satellite_area_and_the_template_tier(bool templates)
    {
        var app = Profiles.Load("speech-dev");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Intents:Templates"] = templates ? "true" : "false",
            ["Intents:SatelliteArea"] = "kitchen",
            ["Speech:Mode"] = "commands",
        }).Build();
        var s = new ServiceCollection();
        s.AddLogging();
        s.AddSingleton<IOptionsMonitor<EdgeVoiceOptions>>(new Profiles.Monitor<EdgeVoiceOptions>(app));
        s.AddEdgeVoiceSpeech(config);
        using var sp = s.BuildServiceProvider();
        var g = sp.GetRequiredService<GrammarRecognizer>();
        var t = await g.TranscribeAsync(await SpeechFixtures.SayAsync("turn on the lights"));
        Assert.Equal(templates, new GrammarLanguage(g.Grammar!).Accepts("turn on the lights"));
        if (templates) Assert.True(t.IsCommand && t.Text == "turn on the lights", $"heard '{t.Text}' (candidate '{t.Candidate}', margin {t.Margin:F1})");
    }
}
