using System.Globalization;
using System.Text.Json;
using EdgeVoice.Core;
using EdgeVoice.Testing;

namespace EdgeVoice.Mqtt.Tests;

public class PublishTests
{
    [Fact]
    public async Task Light_command_and_intent_event_reach_an_independent_subscriber()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sub = await MqttSub.StartAsync(broker);
        var log = new TestLog();
        await using var pub = Kit.Publisher(Kit.Options(broker), Kit.Voice("kitchen"), log);

        var sent = await pub.PublishAsync(Kit.Light(40), "set the kitchen light to 40 percent");

        Assert.Equal(["home/kitchen/light/set", "edgevoice/kitchen/intent"], sent.Select(m => m.Topic));
        var got = await sub.WaitForAsync(l => l.Count(m => m.Topic is "home/kitchen/light/set" or "edgevoice/kitchen/intent") >= 2, TimeSpan.FromSeconds(10));
        Assert.Contains(("home/kitchen/light/set", "{\"state\":\"ON\",\"brightness\":40}"), got);
        var ev = JsonDocument.Parse(got.Single(m => m.Topic == "edgevoice/kitchen/intent").Payload).RootElement;
        Assert.Equal("HassLightSet", ev.GetProperty("name").GetString());
        Assert.Equal("kitchen_light", ev.GetProperty("device").GetString());
        Assert.Equal(40, ev.GetProperty("slots").GetProperty("brightness").GetInt32());
        Assert.Equal("set the kitchen light to 40 percent", ev.GetProperty("transcript").GetString());
        Assert.Equal(32, ev.GetProperty("id").GetString()!.Length);
        Assert.True(ev.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Contains(("edgevoice/kitchen/status", "online"), got);
        Assert.Equal(0, pub.Link.Outbox.Count);
    }

    [Fact]
    public async Task Timer_without_device_publishes_only_the_event_and_numbers_use_invariant_culture()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sub = await MqttSub.StartAsync(broker);
        await using var pub = Kit.Publisher(Kit.Options(broker), Kit.Voice("n1"), new TestLog());
        var old = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var timer = await pub.PublishAsync(new Intent(IntentNames.StartTimer, null, new Dictionary<string, object> { ["duration"] = 300 }));
            Assert.Equal(["edgevoice/n1/intent"], timer.Select(m => m.Topic));
            var heat = await pub.PublishAsync(new Intent(IntentNames.ClimateSetTemperature, "thermostat", new Dictionary<string, object> { ["temperature"] = 21.5 }));
            Assert.Equal("{\"temperature\":21.5}", heat[0].Payload);
        }
        finally { CultureInfo.CurrentCulture = old; }
        var got = await sub.WaitForAsync(l => l.Any(m => m.Topic == "home/living_room/thermostat/set"), TimeSpan.FromSeconds(10));
        Assert.Contains(("home/living_room/thermostat/set", "{\"temperature\":21.5}"), got);
    }

    [Fact]
    public async Task A_colour_goes_only_to_a_light_that_takes_one_and_only_as_a_colour_name()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var voice = Kit.Voice("n9");
        DeviceOptions Light(string id, bool color) => new()
        {
            Id = id, Name = id, Type = "light", Color = color, Actions = [IntentNames.LightSet], CommandTopic = $"home/{id}/set",
            Payloads = { [IntentNames.LightSet] = "{\"brightness\":{brightness}}", [IntentNames.LightSetColorPayload] = "{\"color\":\"{color}\"}" },
        };
        voice.Devices.AddRange([Light("bulb", true), Light("plain", false)]);
        await using var pub = Kit.Publisher(Kit.Options(broker), voice, new TestLog());
        static Intent Set(string device, object color) => new(IntentNames.LightSet, device, new Dictionary<string, object> { ["color"] = color });

        Assert.Contains(("home/bulb/set", "{\"color\":\"red\"}"), pub.Build(Set("bulb", "red")).Select(m => (m.Topic, m.Payload)));
        Assert.Contains(("home/bulb/set", "{\"brightness\":40}"), pub.Build(Kit.Light(40, "bulb")).Select(m => (m.Topic, m.Payload)));
        Assert.Empty(pub.Build(Set("plain", "red")));
        var e = Assert.Throws<PayloadTemplateException>(() => pub.Build(Set("bulb", "red\",\"evil\":\"x")));
        Assert.Contains("must be one of", e.Message);
    }

    [Fact]
    public async Task Unknown_device_or_disallowed_action_or_bad_template_publishes_nothing()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sub = await MqttSub.StartAsync(broker, "home/#");
        await using var sub2 = await MqttSub.StartAsync(broker, "edgevoice/+/intent");
        var voice = Kit.Voice("n2");
        voice.Devices.Add(new DeviceOptions { Id = "odd", Actions = [IntentNames.LightSet, IntentNames.TurnOn], CommandTopic = "home/odd/set",
            Payloads = { [IntentNames.LightSet] = "{\"b\":{colour}}", [IntentNames.TurnOn] = "{\"b\":{brightness}}" } });
        await using var pub = Kit.Publisher(Kit.Options(broker), voice, new TestLog());

        Assert.Empty(await pub.PublishAsync(new Intent(IntentNames.TurnOn, "garage_door", Intent.NoSlots)));
        Assert.Empty(await pub.PublishAsync(new Intent(IntentNames.LightSet, "kettle", new Dictionary<string, object> { ["brightness"] = 5 })));
        var e1 = await Assert.ThrowsAsync<PayloadTemplateException>(() => pub.PublishAsync(new Intent(IntentNames.LightSet, "odd", new Dictionary<string, object> { ["colour"] = 1 })));
        Assert.Contains("unknown placeholder {colour}", e1.Message);
        var e2 = await Assert.ThrowsAsync<PayloadTemplateException>(() => pub.PublishAsync(new Intent(IntentNames.TurnOn, "odd", Intent.NoSlots)));
        Assert.Contains("slot 'brightness' is missing", e2.Message);
        var e3 = await Assert.ThrowsAsync<PayloadTemplateException>(() => pub.PublishAsync(Kit.Light(0) with { Slots = new Dictionary<string, object> { ["brightness"] = "1}, \"evil\": {" } }));
        Assert.Contains("must be a number", e3.Message);

        // A valid intent afterwards is the only thing on the wire.
        await pub.PublishAsync(new Intent(IntentNames.TurnOn, "kettle", Intent.NoSlots));
        var got = await sub.WaitForAsync(l => l.Count > 0, TimeSpan.FromSeconds(10));
        var events = await sub2.WaitForAsync(l => l.Count > 0, TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        Assert.Equal([("home/kitchen/kettle/set", "ON")], sub.Messages.ToList());
        Assert.Single(sub2.Messages);
        Assert.Equal(0, pub.Link.Outbox.Count);
    }

    [Fact]
    public async Task Killed_client_leaves_a_retained_offline_will()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var pub = Kit.Publisher(Kit.Options(broker), Kit.Voice("will"), new TestLog());
        await pub.StartAsync();
        Assert.True(await pub.Link.WaitConnectedAsync(TimeSpan.FromSeconds(5)));
        await using (var sub = await MqttSub.StartAsync(broker, "edgevoice/will/status"))
            Assert.Contains(("edgevoice/will/status", "online"), await sub.WaitForAsync(l => l.Count > 0, TimeSpan.FromSeconds(5)));
        await pub.Link.AbortAsync();
        await Task.Delay(500);
        await using (var sub = await MqttSub.StartAsync(broker, "edgevoice/will/status"))
            Assert.Equal([("edgevoice/will/status", "offline")], await sub.WaitForAsync(l => l.Count > 0, TimeSpan.FromSeconds(5)));
        await pub.DisposeAsync();
    }
}
