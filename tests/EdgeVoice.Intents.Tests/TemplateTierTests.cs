using EdgeVoice.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Intents.Tests;

/// <summary>Devices configured by Home Assistant domain, understood through HA's sentence templates.</summary>
public sealed class TemplateTierTests
{
    internal static DeviceOptions Dev(string id, string name, string type, string area, params string[] actions) =>
        new() { Id = id, Name = name, Type = type, Area = area, CommandTopic = $"home/{id}/set", Actions = [.. actions] };

    /// <param name="more">Devices added to the home before the domain defaults are applied.</param>
    internal static IntentEngine Engine(string? satelliteArea, bool templates = true, IntentOptions? o = null,
        IDeviceStateStore? states = null, TimeProvider? clock = null, Timers.DeviceTimers? timers = null, params DeviceOptions[] more)
    {
        var app = new EdgeVoiceOptions
        {
            ModelsDir = Repo.Models,
            Devices =
            [
                Dev("front_door", "front door", "lock", "entrance"),
                Dev("rover", "rover", "vacuum", "living room"),
                Dev("tv", "tv", "media_player", "living room"),
                Dev("lamp", "reading lamp", "light", "living room"),
                Dev("ceiling", "ceiling light", "light", "living room", IntentNames.TurnOn),
                Dev("desk", "desk light", "light", "office"),
                Dev("heating", "heating", "climate", "living room"),
                .. more,
            ],
        };
        app.Devices.ForEach(HaDomains.ApplyDefaults);
        o ??= new IntentOptions();
        o.LlmModel = "/dev/null/none.gguf";
        o.SatelliteArea = satelliteArea;
        o.Templates = templates;
        var opts = Options.Create(o);
        var monitor = new Profiles.Monitor<EdgeVoiceOptions>(app);
        return new IntentEngine(monitor, new DeviceCatalog(monitor), opts, states ?? new EmptyDeviceStateStore(), new NeverThrottled(),
            new RemoteChat(new HttpClient(), opts, NullLogger<RemoteChat>.Instance), clock ?? TimeProvider.System, NullLogger<IntentEngine>.Instance,
            timers ?? new Timers.DeviceTimers(clock ?? TimeProvider.System, new Timers.MemoryTimerStore(), NullLogger<Timers.DeviceTimers>.Instance));
    }

    [Fact]
    public void A_device_typed_by_domain_gets_that_domains_actions_and_payloads_and_keeps_its_own()
    {
        var lockDev = Dev("front_door", "front door", "lock", "entrance");
        HaDomains.ApplyDefaults(lockDev);
        Assert.Equal([IntentNames.TurnOn, IntentNames.TurnOff, IntentNames.GetState], lockDev.Actions);
        Assert.Equal("LOCK", lockDev.Payloads[IntentNames.TurnOn]);
        Assert.Equal("UNLOCK", lockDev.Payloads[IntentNames.TurnOff]);

        var own = Dev("plug", "plug", "switch", "", IntentNames.TurnOn);
        own.Payloads[IntentNames.TurnOn] = "1";
        HaDomains.ApplyDefaults(own);
        Assert.Equal([IntentNames.TurnOn], own.Actions);
        Assert.Equal("1", own.Payloads[IntentNames.TurnOn]);
        Assert.Equal("OFF", own.Payloads[IntentNames.TurnOff]);

        var press = Dev("press", "press", "press", "");
        HaDomains.ApplyDefaults(press);
        Assert.Empty(press.Actions);
    }

    [Theory]
    // Sentences the rule tier does not parse (it has "lock the front door", "pause the tv", "set the office brightness to 40%").
    [InlineData("lock all of the doors", "HassTurnOn:front_door")]
    [InlineData("start rover", "HassVacuumStart:rover")]
    [InlineData("pause", "HassMediaPause:tv")]                               // in here: the satellite's area
    [InlineData("pause the music in the living room", "HassMediaPause:tv")]
    [InlineData("turn off the lights in here", "HassTurnOff:lamp")]        // the ceiling light only allows HassTurnOn
    [InlineData("turn on the lights in here", "HassTurnOn:lamp;HassTurnOn:ceiling")]
    [InlineData("set the brightness in here to 40%", "HassLightSet:lamp:brightness=40")]
    [InlineData("set the temperature to 21 degrees", "HassClimateSetTemperature:heating:temperature=21")]
    public async Task Home_assistant_sentences_act_on_configured_devices(string text, string expected)
    {
        using var engine = Engine("living room");
        var r = await engine.RecognizeAsync(text);
        Assert.Equal(expected, UtteranceSetTests.Describe(r));
        Assert.Equal("templates", r.Tier);
    }

    [Theory]
    [InlineData("turn off the lights in here", null)]      // no satellite area configured: no "here"
    [InlineData("lock the back door", "living room")]     // no such device
    [InlineData("set the ceiling light to 40%", "living room")] // the ceiling light only allows HassTurnOn
    [InlineData("open the garage door", "living room")]
    [InlineData("set the temperature to 90 degrees", "living room")] // outside SlotLimits
    public async Task Nothing_outside_the_configured_devices_and_actions_is_done(string text, string? area)
    {
        using var engine = Engine(area);
        var r = await engine.RecognizeAsync(text);
        Assert.True(r.Intents.Count == 0, $"{UtteranceSetTests.Describe(r)} from tier {r.Tier}");
    }

    [Fact]
    public async Task The_template_tier_can_be_turned_off()
    {
        using var engine = Engine("living room", templates: false);
        Assert.Empty((await engine.RecognizeAsync("start rover")).Intents);
    }

    /// <summary>
    /// The recogniser asks whether a question is open at every utterance start: it must not wait for a template
    /// compile (hundreds of ms at start-up and after a device edit). The compile is held open by the test hook.
    /// </summary>
    [Fact]
    public async Task An_open_question_is_read_while_the_templates_compile()
    {
        using var engine = Engine("living room");
        using var compiling = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        engine.Compiling = () => { compiling.Set(); release.Wait(TimeSpan.FromMinutes(2)); };
        var compile = Task.Run(engine.WarmUp);
        try
        {
            Assert.True(compiling.Wait(TimeSpan.FromMinutes(1)), "the template compile did not start");
            var asked = Task.Run(() => engine.ExpectsAnswer);
            Assert.True(await Task.WhenAny(asked, Task.Delay(TimeSpan.FromSeconds(30))) == asked, "ExpectsAnswer waited for the template compile");
            Assert.False(await asked);
            Assert.False(compile.IsCompleted);
        }
        finally { release.Set(); }
        await compile.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("HassVacuumStart:rover", UtteranceSetTests.Describe(await engine.RecognizeAsync("start rover")));
    }
}
