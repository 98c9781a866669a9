using EdgeVoice.Core;
using EdgeVoice.Testing;

namespace EdgeVoice.Intents.Tests;

/// <summary>"What's the temperature": Home Assistant's HassClimateGetTemperature, answered from a thermostat's state.</summary>
public sealed class TemperatureQuestionTests
{
    [Theory]
    [InlineData("{\"current_temperature\": 21.54, \"temperature\": 23}", 21.5)]
    [InlineData("{\"local_temperature\": 19, \"occupied_heating_setpoint\": 21}", 19.0)]
    [InlineData(" 20.25 ", 20.3)]
    public void A_measured_temperature_is_read(string state, double expected) => Assert.Equal(expected, Thermostat.Reading(state));

    [Theory]
    [InlineData("{\"temperature\": 23, \"mode\": \"heat\"}")] // the set point, not the room
    [InlineData("{\"current_temperature\": \"warm\"}")]
    [InlineData("{\"current_temperature\": -273}")]
    [InlineData("heat")]
    [InlineData("{not json")]
    [InlineData("")]
    public void A_state_that_does_not_say_the_room_temperature_is_no_reading(string state) => Assert.Null(Thermostat.Reading(state));

    [Fact]
    public void A_state_larger_than_any_thermostat_sends_is_not_parsed()
    {
        var padding = new string(' ', 64 * 1024);
        Assert.Equal(21.5, Thermostat.Reading("{\"current_temperature\": 21.5}"));
        Assert.Null(Thermostat.Reading("{\"current_temperature\": 21.5," + padding + "\"mode\": \"heat\"}"));
    }

    static IntentEngine SpeechDev(string? ecobeeState, string satellite = "kitchen") =>
        Engines.Create("speech-dev", new IntentOptions { SatelliteArea = satellite },
            states: new FixedStates(ecobeeState is null ? [] : new() { ["ecobee"] = ecobeeState }));

    [Theory]
    [InlineData("what's the temp")]
    [InlineData("what is the temperature")]
    [InlineData("how warm is it")]
    [InlineData("what is the ecobee temperature")]
    [InlineData("what's the temp of the ecobee")]
    [InlineData("what's the office temp")]
    [InlineData("what is the temperature in the office")]
    public async Task The_only_thermostat_answers_with_its_measured_temperature(string said)
    {
        using var engine = SpeechDev("{\"current_temperature\": 21.5, \"temperature\": 23}");
        var r = await engine.RecognizeAsync(said);
        Assert.Equal("HassClimateGetTemperature:ecobee", UtteranceSetTests.Describe(r));
        Assert.Equal("It is 21.5 degrees in the office.", r.Reply);
    }

    [Fact]
    public void A_question_the_model_chose_is_answered_from_the_state_and_an_action_still_confirmed()
    {
        using var engine = SpeechDev("{\"current_temperature\": 21.5, \"temperature\": 23}");
        var asked = engine.FromModel(new Intent(IntentNames.ClimateGetTemperature, "ecobee", Intent.NoSlots));
        Assert.Equal(("It is 21.5 degrees in the office.", "llm"), (asked.Reply, asked.Tier));
        var set = engine.FromModel(new Intent(IntentNames.ClimateSetTemperature, "ecobee", new Dictionary<string, object> { ["temperature"] = 20 }));
        Assert.Equal("HassClimateSetTemperature:ecobee:temperature=20", UtteranceSetTests.Describe(set));
        Assert.DoesNotContain("degrees in the office", set.Reply);
    }

    [Fact]
    public async Task A_thermostat_that_has_not_reported_says_so()
    {
        using var engine = SpeechDev(null);
        Assert.Equal("I don't know the temperature of the ecobee yet.", (await engine.RecognizeAsync("what's the temperature")).Reply);
    }

    [Theory]
    [InlineData("what's the temperature in the kitchen", "There is no thermostat in the kitchen.")]
    [InlineData("what's the temperature of the printer", "I don't know a device called the printer.")]
    public async Task A_room_or_name_without_a_thermostat_gets_no_other_rooms_temperature(string said, string reply)
    {
        using var engine = SpeechDev("21");
        var r = await engine.RecognizeAsync(said);
        Assert.Empty(r.Intents);
        Assert.Equal(reply, r.Reply);
    }

    [Fact]
    public async Task The_satellites_own_room_comes_before_another_thermostat()
    {
        var app = Profiles.Load("speech-dev");
        app.Devices.Add(new DeviceOptions { Id = "kitchen_stat", Name = "kitchen thermostat", Area = "kitchen", Type = "climate", CommandTopic = "dev/k/set" });
        HaDomains.ApplyDefaults(app.Devices[^1]);
        using var engine = Engines.Create(app, new IntentOptions { SatelliteArea = "kitchen" },
            states: new FixedStates(new() { ["ecobee"] = "21", ["kitchen_stat"] = "{\"current_temperature\": 18}" }));
        var r = await engine.RecognizeAsync("what's the temperature");
        Assert.Equal("HassClimateGetTemperature:kitchen_stat", UtteranceSetTests.Describe(r));
        Assert.Equal("It is 18 degrees in the kitchen.", r.Reply);
        // With two thermostats and neither in the satellite's room, the question does not pick one.
        using var away = Engines.Create(app, new IntentOptions { SatelliteArea = "bedroom" });
        var asked = await away.RecognizeAsync("what's the temperature");
        Assert.Empty(asked.Intents);
        Assert.Equal("Which thermostat do you mean?", asked.Reply);
    }

    [Fact]
    public async Task A_question_heard_unsure_is_answered_not_asked_back()
    {
        using var engine = SpeechDev("21");
        var r = await engine.RecognizeUnsureAsync("what's the temp");
        Assert.Equal("It is 21 degrees in the office.", r.Reply);
        Assert.False(engine.ExpectsAnswer);
    }

    [Fact]
    public async Task A_thermostat_configured_before_the_temperature_question_gets_the_state_answer()
    {
        var app = Profiles.Load("home");
        var stat = app.Devices.Single(d => d.Id == "thermostat");
        stat.Actions.Remove(IntentNames.ClimateGetTemperature);
        using var engine = Engines.Create(app, states: new FixedStates(new() { ["thermostat"] = "{\"mode\": \"heat\"}" }));
        var r = await engine.RecognizeAsync("what's the temperature in the living room");
        Assert.Equal("HassGetState:thermostat", UtteranceSetTests.Describe(r));
        Assert.Equal("The thermostat is mode heat.", r.Reply);
    }
}
