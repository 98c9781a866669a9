using EdgeVoice.Core;
using EdgeVoice.Speech.PocketSphinx;

namespace EdgeVoice.Speech.Tests;

/// <summary>GrammarSource's rules follow the configured devices' content, not which list object holds them.</summary>
public sealed class GrammarSourceTests
{
    /// <summary>One sentence per device name; counts how often it is asked to build.</summary>
    sealed class Counting : ISentenceGrammar
    {
        public int Builds;

        public SentenceRules Build(IReadOnlyList<DeviceOptions> devices, Func<string, bool> sayable)
        {
            Builds++;
            var rules = devices.Select((d, i) => $"<h{i}> = turn on the {d.Name};").ToList();
            return new SentenceRules(rules, [.. rules.Select((_, i) => $"h{i}")], []);
        }
    }

    static List<DeviceOptions> Devices() =>
    [
        new() { Id = "lamp", Name = "lamp", Area = "office", Type = "light", Actions = [IntentNames.TurnOn] },
        new() { Id = "fan", Name = "fan", Area = "office", Type = "fan", Actions = [IntentNames.TurnOn] },
    ];

    static GrammarSource Source(ISentenceGrammar sentences) => new(sentences, only: true, new SpeechOptions().Dictionary);

    [Fact]
    public void A_device_added_to_the_same_list_is_in_the_next_rules()
    {
        var source = Source(new Counting());
        var devices = Devices();
        Assert.Equal(2, source.Rules(devices).Sentences.Count);
        devices.Add(new DeviceOptions { Id = "kettle", Name = "kettle", Type = "switch", Actions = [IntentNames.TurnOn] });
        var rules = source.Rules(devices);
        Assert.Equal(3, rules.Sentences.Count);
        Assert.Contains(rules.Rules, r => r.Contains("kettle"));
    }

    [Fact]
    public void A_device_renamed_in_place_is_renamed_in_the_next_rules()
    {
        var source = Source(new Counting());
        var devices = Devices();
        source.Rules(devices);
        devices[0].Name = "desk lamp";
        Assert.Contains(source.Rules(devices).Rules, r => r.Contains("desk lamp"));
    }

    [Fact]
    public void A_reload_with_the_same_devices_reuses_the_rules()
    {
        var grammar = new Counting();
        var source = Source(grammar);
        var first = source.Rules(Devices());
        int builds = grammar.Builds;
        // A configuration reload binds new objects with the same content.
        Assert.Same(first, source.Rules(Devices()));
        Assert.Equal(builds, grammar.Builds);
    }
}
