using EdgeVoice.Core;
using EdgeVoice.Intents.Templates;

namespace EdgeVoice.Intents.Tests;

/// <summary>Home Assistant's templates written as JSGF for configured devices: what is written, narrowed and left out.</summary>
public sealed class TemplateGrammarTests
{
    static readonly DeviceOptions Lamp = new()
    {
        Id = "desk_lamp", Name = "desk lamp", Area = "study", Type = "light",
        Actions = [IntentNames.TurnOn, IntentNames.TurnOff], CommandTopic = "t/lamp",
    };

    static readonly DeviceOptions Heater = new()
    {
        Id = "heater", Name = "heater", Area = "study", Type = "climate",
        Actions = [IntentNames.ClimateSetTemperature], CommandTopic = "t/heater",
    };

    static SentenceRules Build(string yaml, params DeviceOptions[] devices)
    {
        var dir = Directory.CreateTempSubdirectory("edgevoice-template-grammar-");
        try
        {
            var file = Path.Combine(dir.FullName, "test.yaml");
            File.WriteAllText(file, yaml);
            var set = new TemplateSet();
            TemplateLoader.LoadFile(set, file);
            return new TemplateGrammar(() => set, satelliteArea: null).Build(devices, w => w != "unsayable");
        }
        finally { dir.Delete(recursive: true); }
    }

    const string Yaml = """
        language: en
        lists:
          temperature: { range: { from: 0, to: 100 } }
          item: { wildcard: true }
        intents:
          HassTurnOn:
            data:
              - sentences: ["switch on [the] {name}", "light[s] on in [the] {area}", "add {item} to my list"]
                slots: { domain: light }
              - sentences: ["please unsayable {name}"]
          HassClimateSetTemperature:
            data:
              - sentences: ["set {name} to {temperature} degrees"]
          HassLightSet:
            data:
              - sentences: ["dim {name}"]
        """;

    [Fact]
    public void Writes_alternatives_lists_and_glued_words_without_expanding()
    {
        var g = Build(Yaml, Lamp, Heater);
        var text = string.Join("\n", g.Rules);
        Assert.Contains("switch on [the] <hl", text);
        Assert.Matches(@"\((lights \| light|light \| lights)\) on in \[the\] <hl\d+>;", text);
        Assert.Contains("= desk lamp;", text);
        Assert.Contains("= study;", text);
        // HassLightSet: no configured device allows it, so it is not written at all.
        Assert.DoesNotContain("dim", text);
        Assert.Equal(3, g.Sentences.Count);
    }

    [Fact]
    public void Thermostat_numbers_are_the_ones_the_intent_stage_lets_through()
    {
        var text = string.Join("\n", Build(Yaml, Lamp, Heater).Rules);
        // 5..35 °C: from five, whole twenties, the thirties up to thirty five.
        Assert.Matches(@"= \(five \| six \|.* twenty \[one .* nine\] \| thirty \| .* thirty five\);", text);
        Assert.DoesNotContain("forty", text);
        Assert.DoesNotContain("thirty six", text);
    }

    [Fact]
    public void Wildcards_and_unsayable_words_are_left_out_and_reported()
    {
        var g = Build(Yaml, Lamp, Heater);
        Assert.Contains(g.Skipped, s => s.Contains("add {item} to my list") && s.Contains("wildcard"));
        Assert.Contains(g.Skipped, s => s.Contains("please unsayable") && s.Contains("'unsayable' not sayable"));
        Assert.DoesNotContain("unsayable", string.Join("\n", g.Rules));
    }
}
