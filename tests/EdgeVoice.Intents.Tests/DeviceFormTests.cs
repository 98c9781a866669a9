using EdgeVoice.Core;

namespace EdgeVoice.Intents.Tests;

/// <summary>
/// The device sentences taken from Home Assistant's templates into <see cref="CommandSentences"/> (a name with its area,
/// brightness and colour, covers by kind, locks, scripts, scenes, media), parsed by the rule tier on config/speech-dev.json.
/// </summary>
public sealed class DeviceFormTests
{
    static readonly RuleMatcher Rules = new(Profiles.Load("speech-dev").Devices);

    static string Parse(string text)
    {
        var r = Rules.Match(text);
        return r.Outcome + " " + UtteranceSetTests.Describe(new IntentResult(r.Intents, r.Reply, "rules"));
    }

    [Theory]
    [InlineData("turn off the tv in the office", "Command HassTurnOff:tv")]
    [InlineData("turn the standing light in the office on", "Command HassTurnOn:standing_light")]
    [InlineData("switch off the standing light in the office", "Command HassTurnOff:standing_light")]
    [InlineData("open the sliding door in the office", "Command HassTurnOn:sliding_door")]
    [InlineData("close the sliding door in the office", "Command HassTurnOff:sliding_door")]
    [InlineData("open the blinds in the office", "Command HassTurnOn:office_blinds")]
    [InlineData("close the windows in the kitchen", "Command HassTurnOff:kitchen_windows")]
    [InlineData("close the windows in the office", "Command HassTurnOff:office_windows")]
    [InlineData("open the curtains in the office", "Command HassTurnOn:office_curtains")]
    [InlineData("set the brightness of the bed light to ten percent", "Command HassLightSet:bed_light:brightness=10")]
    [InlineData("set brightness of bed light to fifty", "Command HassLightSet:bed_light:brightness=50")]
    [InlineData("set the brightness of the kitchen to twenty five percent", "Command HassLightSet:kitchen_lights:brightness=25")]
    [InlineData("set kitchen brightness to one hundred percent", "Command HassLightSet:kitchen_lights:brightness=100")]
    [InlineData("set the color of the bed light to yellow", "Command HassLightSet:bed_light:color=yellow")]
    [InlineData("set bed light color to orange", "Command HassLightSet:bed_light:color=orange")]
    [InlineData("set the kitchen lights to green", "Command HassLightSet:kitchen_lights:color=green")]
    [InlineData("what is the value of outdoor humidity", "Question HassGetState:outdoor_humidity")]
    [InlineData("what is the value of the outdoor humidity", "Question HassGetState:outdoor_humidity")]
    [InlineData("set the lights in the kitchen to turquoise", "Command HassLightSet:kitchen_lights:color=turquoise")]
    [InlineData("lock the front door", "Command HassTurnOn:front_door")]
    [InlineData("unlock the front door", "Command HassTurnOff:front_door")]
    [InlineData("is the front door locked", "Question HassGetState:front_door")]
    [InlineData("is the front door unlocked", "Question HassGetState:front_door")]
    [InlineData("run party time script", "Command HassTurnOn:party_time")]
    [InlineData("activate the party time", "Command HassTurnOn:party_time")]
    [InlineData("activate mood lighting scene", "Command HassTurnOn:mood_lighting")]
    [InlineData("pause the tv", "Command HassMediaPause:tv")]
    [InlineData("resume the television", "Command HassMediaUnpause:tv")]
    [InlineData("unpause tv", "Command HassMediaUnpause:tv")]
    [InlineData("next track on the tv", "Command HassMediaNext:tv")]
    [InlineData("next on tv", "Command HassMediaNext:tv")]
    [InlineData("skip track on the tv", "Command HassMediaNext:tv")]
    public void A_home_assistant_form_gives_its_intent_and_slots(string text, string expected) =>
        Assert.Equal(expected, Parse(text));

    [Theory]
    [InlineData("set the standing light to red")]          // a light without colour
    [InlineData("set the color of the standing light to blue")]
    [InlineData("set the lights in the office to green")]   // the office's only light takes no colour
    [InlineData("set the ecobee to white")]                 // not a light at all
    public void A_colour_the_device_does_not_take_is_refused(string text)
    {
        var r = Rules.Match(text);
        Assert.Empty(r.Intents);
        Assert.Contains(r.Outcome, new[] { RuleOutcome.NotAllowed, RuleOutcome.UnknownDevice });
    }

    [Theory]
    [InlineData("turn off the front door")]  // a lock is unlocked by "unlock" only
    [InlineData("turn on the front door")]
    [InlineData("lock the tv")]              // only a lock is locked
    [InlineData("pause the bed light")]      // a light has no media actions
    public void A_lock_or_media_word_acts_only_on_its_own_kind(string text) =>
        Assert.Empty(Rules.Match(text).Intents);

    [Fact]
    public void A_colour_is_only_ever_one_of_home_assistants_names()
    {
        // "set the bed light to magenta" names no colour of the list: no colour slot can carry the word said.
        var r = Rules.Match("set the bed light to magenta");
        Assert.DoesNotContain(r.Intents, i => i.Slots.ContainsKey("color"));
        Assert.All(CommandSentences.Colors, c => Assert.Matches("^[a-z]+$", c));
    }

    [Fact]
    public async Task Unlocking_asks_first_and_a_colour_is_confirmed_in_words()
    {
        using var engine = Engines.Create("speech-dev");
        var unlock = await engine.RecognizeAsync("unlock the front door");
        Assert.Empty(unlock.Intents);
        Assert.Contains("Please confirm", unlock.Reply);
        var color = await engine.RecognizeAsync("set the bed light to red");
        Assert.Equal("HassLightSet:bed_light:color=red", UtteranceSetTests.Describe(color));
        Assert.Equal("Setting the bed light to red.", color.Reply);
        // Refused by the rules and not taken by Home Assistant's templates either.
        Assert.Empty((await engine.RecognizeAsync("set the standing light to red")).Intents);
    }
}
