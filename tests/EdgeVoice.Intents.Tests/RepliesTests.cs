using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Intents.Tests;

/// <summary>Home Assistant's reply style, time/date/weather, floors and the domain's confirmations.</summary>
public sealed class RepliesTests
{
    static DeviceOptions Dev(string id, string name, string type, string area, params string[] actions) =>
        TemplateTierTests.Dev(id, name, type, area, actions);

    [Theory]
    [InlineData("lock all of the doors", "Locked the front door.")]
    [InlineData("start rover", "Started.")]
    [InlineData("pause", "Paused.")]
    [InlineData("turn on the lights in here", "Turned on the lights.")]
    [InlineData("turn off the lights in here", "Turned off the reading lamp.")]
    [InlineData("set the brightness in here to 40%", "Brightness set.")]
    [InlineData("set the temperature to 21 degrees", "Temperature set to 21 degrees.")]
    [InlineData("open the garage door", "Please confirm: opening the garage door? Say yes or no.")]
    [InlineData("unlock the front door", "Please confirm: unlocking the front door? Say yes or no.")]
    [InlineData("never mind", "")]
    public async Task Template_replies_say_what_was_done(string text, string reply)
    {
        using var engine = TemplateTierTests.Engine("living room", more: Dev("garage", "garage door", "cover", "garage"));
        Assert.Equal(reply, (await engine.RecognizeAsync(text)).Reply);
    }

    [Fact]
    public async Task A_confirmed_garage_door_opens_after_yes_and_one_that_opted_out_opens_at_once()
    {
        using var engine = TemplateTierTests.Engine(null, more: Dev("garage", "garage door", "cover", "garage"));
        Assert.Empty((await engine.RecognizeAsync("open the garage door")).Intents);
        var yes = await engine.RecognizeAsync("yes");
        Assert.Equal("HassTurnOn:garage", UtteranceSetTests.Describe(yes));

        var optOut = Dev("garage", "garage door", "cover", "garage");
        optOut.DomainConfirm = false;
        using var trusting = TemplateTierTests.Engine(null, more: optOut);
        var r = await trusting.RecognizeAsync("open the garage door");
        Assert.Equal("HassTurnOn:garage", UtteranceSetTests.Describe(r));
    }

    [Fact]
    public void Domain_confirmations_follow_the_device_class()
    {
        var blind = Dev("blind", "blind", "cover", "office");
        HaDomains.ApplyDefaults(blind);
        Assert.Empty(blind.Confirm);
        var door = Dev("door", "big door", "cover", "garage");
        door.DeviceClass = "garage";
        HaDomains.ApplyDefaults(door);
        HaDomains.ApplyDefaults(door); // a reload applies them again
        Assert.Equal([IntentNames.TurnOn], door.Confirm);
        var lockDev = Dev("lock", "back door", "lock", "");
        HaDomains.ApplyDefaults(lockDev);
        Assert.Equal([IntentNames.TurnOff], lockDev.Confirm);
    }

    [Fact]
    public async Task Time_and_date_are_spoken_in_words()
    {
        var clock = new ManualTime(new DateTimeOffset(2026, 12, 4, 9, 7, 0, TimeSpan.Zero));
        using var engine = TemplateTierTests.Engine(null, clock: clock);
        Assert.Equal("It is nine oh seven AM.", (await engine.RecognizeAsync("what time is it")).Reply);
        Assert.Equal("Today is Friday, December fourth, twenty twenty six.", (await engine.RecognizeAsync("what's the date")).Reply);
        clock.Now = new DateTimeOffset(2027, 3, 21, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal("It is twelve o'clock AM.", (await engine.RecognizeAsync("what time is it")).Reply);
        Assert.Equal("Today is Sunday, March twenty first, twenty twenty seven.", (await engine.RecognizeAsync("what is today's date")).Reply);
    }

    [Fact]
    public async Task Weather_comes_from_the_configured_topic()
    {
        using (var off = TemplateTierTests.Engine(null))
            Assert.Equal(Responses.WeatherNotConfigured, (await off.RecognizeAsync("what's the weather like")).Reply);
        var o = new IntentOptions { WeatherTopic = "home/weather/state" };
        using (var silent = TemplateTierTests.Engine(null, o: o))
            Assert.Equal(Responses.WeatherUnknown, (await silent.RecognizeAsync("what is the weather")).Reply);
        var states = new FixedStates(new() { [IntentOptions.WeatherDeviceId] = "{\"temperature\":7,\"condition\":\"rainy\",\"humidity\":90}" });
        using (var known = TemplateTierTests.Engine(null, o: new IntentOptions { WeatherTopic = "home/weather/state" }, states: states))
        {
            var r = await known.RecognizeAsync("what's the weather");
            Assert.Equal("7 degrees and rainy.", r.Reply);
            Assert.Empty(r.Intents);
        }
        var plain = new FixedStates(new() { [IntentOptions.WeatherDeviceId] = "Sunny" });
        using var word = TemplateTierTests.Engine(null, o: new IntentOptions { WeatherTopic = "home/weather/state" }, states: plain);
        Assert.Equal("The weather is sunny.", (await word.RecognizeAsync("what's the weather like")).Reply);
    }

    [Fact]
    public void The_weather_topic_becomes_a_state_only_entry()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Intents:WeatherTopic"] = "home/weather/state",
        }).Build();
        var s = new ServiceCollection();
        s.Configure<EdgeVoiceOptions>(_ => { });
        s.AddEdgeVoiceIntents(config);
        using var sp = s.BuildServiceProvider();
        var o = sp.GetRequiredService<IOptions<EdgeVoiceOptions>>().Value;
        var w = Assert.Single(o.Devices);
        Assert.Equal(("home/weather/state", "", 0), (w.StateTopic, w.Name, w.Actions.Count));
    }

    [Fact]
    public async Task Floors_group_areas()
    {
        var o = new IntentOptions { Floors = new() { ["upstairs"] = ["office", "bedroom"] } };
        using var engine = TemplateTierTests.Engine(null, o: o, more: Dev("bed", "bedside lamp", "light", "bedroom"));
        var r = await engine.RecognizeAsync("turn off the lights upstairs");
        Assert.Equal("HassTurnOff:desk;HassTurnOff:bed", UtteranceSetTests.Describe(r));
        Assert.Equal("Turned off the lights.", r.Reply);
        Assert.Empty((await engine.RecognizeAsync("turn off the lights downstairs")).Intents);
    }

    [Fact]
    public void Warm_up_compiles_the_templates_and_logs_it()
    {
        var log = new ListLogger();
        using var factory = log.Factory();
        using var engine = Engines.Create(o: new IntentOptions { LlmModel = "/dev/null/none.gguf" }, log: factory.CreateLogger<IntentEngine>());
        engine.WarmUp();
        var line = Assert.Single(log.Entries, e => e.Level == LogLevel.Information && e.Text.Contains("sentence templates ready")).Text;
        Assert.Matches(@"\d+ sentences for \d+ devices in \d+ ms", line);
    }
}
