using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeVoice.Core;
using EdgeVoice.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeVoice.Mqtt.Tests;

public sealed class FakeHandler : IRemoteCommandHandler
{
    public ConcurrentQueue<string> Calls { get; } = new();
    public Task SayAsync(string text, CancellationToken ct) { Calls.Enqueue("say:" + text); return Task.CompletedTask; }
    public Task SetMutedAsync(bool muted, CancellationToken ct) { Calls.Enqueue("muted:" + muted); return Task.CompletedTask; }
    public Task SetVolumeAsync(int level, CancellationToken ct) { Calls.Enqueue("volume:" + level); return Task.CompletedTask; }
    public Task ReloadAsync(CancellationToken ct) { Calls.Enqueue("reload"); return Task.CompletedTask; }
    public Task RunWavAsync(string path, CancellationToken ct) { Calls.Enqueue("wav:" + path); return Task.CompletedTask; }
}

/// <summary>The hosted service through AddEdgeVoiceMqtt, as the Host wires it.</summary>
public sealed class Node : IAsyncDisposable
{
    public required ServiceProvider Services { get; init; }
    public required FakeHandler Handler { get; init; }
    public required string NodeId { get; init; }
    public IHostedService Service => Services.GetServices<IHostedService>().OfType<MqttService>().Single();
    public IEventBus Bus => Services.GetRequiredService<IEventBus>();

    public static async Task<Node> StartAsync(MosquittoBroker b, string node, string outbox, string? devicesJson = null, string? wavDir = null,
        Dictionary<string, string?>? settings = null)
    {
        var devicesFile = devicesJson ?? Repo.Config("home.json");
        var config = new ConfigurationBuilder().AddJsonFile(devicesFile).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NodeId"] = node, ["Mqtt:Host"] = b.Host, ["Mqtt:Port"] = b.Port.ToString(), ["Mqtt:OutboxDir"] = outbox,
            ["Mqtt:ReconnectMinMs"] = "100", ["Mqtt:Discovery:AnnounceDevices"] = "true", ["Mqtt:RunWavDir"] = wavDir,
            ["Mqtt:Password"] = "never-log-me",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var handler = new FakeHandler();
        var s = new ServiceCollection().AddLogging().AddSingleton<IRemoteCommandHandler>(handler);
        s.AddEdgeVoiceMqtt(config);
        var n = new Node { Services = s.BuildServiceProvider(), Handler = handler, NodeId = node };
        await n.Service.StartAsync(default);
        Assert.True(await n.Services.GetRequiredService<MqttLink>().WaitConnectedAsync(TimeSpan.FromSeconds(10)));
        return n;
    }

    public async ValueTask DisposeAsync()
    {
        await Service.StopAsync(default);
        await Services.DisposeAsync();
    }
}

public class ServiceTests
{
    [Fact]
    public async Task Di_registers_publisher_state_store_and_hosted_service()
    {
        var config = new ConfigurationBuilder().AddJsonFile(Repo.Config("home.json")).AddInMemoryCollection(new Dictionary<string, string?>
        { ["Mqtt:OutboxDir"] = Repo.TempDir("outbox"), ["Mqtt:CommandExpirySeconds"] = "30" }).Build();
        using var sp = new ServiceCollection().AddLogging().AddEdgeVoiceMqtt(config).BuildServiceProvider();
        Assert.IsType<MqttIntentPublisher>(sp.GetRequiredService<IIntentPublisher>());
        Assert.IsType<MqttDeviceStateStore>(sp.GetRequiredService<IDeviceStateStore>());
        Assert.Single(sp.GetServices<IHostedService>().OfType<MqttService>());
        Assert.Equal(30, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MqttOptions>>().Value.CommandExpirySeconds);
    }

    [Fact]
    public async Task Discovery_is_retained_has_ha_fields_and_removed_devices_are_cleared()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var outbox = Repo.TempDir("outbox");
        await using (var watch = await MqttSub.StartAsync(broker, "#"))
        await using (var n = await Node.StartAsync(broker, "disc", outbox))
        {
            n.Bus.Publish(new StateChanged(AssistantState.Listening));
            n.Bus.Publish(new TelemetryReading(52.345, 81, false, false));
            // Stop only once everything is out: a fixed 500 ms lost two configs when CI loaded both cores.
            await watch.WaitForAsync(l => l.Count(m => m.Topic.StartsWith("homeassistant/")) >= 14
                && l.Any(m => m.Topic == "edgevoice/disc/state/telemetry") && l.Any(m => m.Topic == "edgevoice/disc/state/assistant"), TimeSpan.FromSeconds(15));
        }
        // A subscriber arriving afterwards still gets everything: the configs are retained.
        await using (var sub = await MqttSub.StartAsync(broker, "homeassistant/#"))
        {
            // 8 own entities + 6 announced devices
            var got = await sub.WaitForAsync(l => l.Count >= 14, TimeSpan.FromSeconds(5));
            Assert.Equal(14, got.Count);
            var byTopic = got.ToDictionary(m => m.Topic, m => JsonNode.Parse(m.Payload)!.AsObject());
            foreach (var (topic, cfg) in byTopic)
            {
                Assert.Matches(@"^homeassistant/(sensor|switch|number|event|light|fan|cover|climate)/edgevoice_disc/[a-z_]+/config$", topic);
                Assert.StartsWith("edgevoice_disc_", (string)cfg["unique_id"]!);
                Assert.Equal("edgevoice/disc/status", (string)cfg["availability_topic"]!);
                Assert.Equal("online", (string)cfg["payload_available"]!);
                Assert.Equal("offline", (string)cfg["payload_not_available"]!);
                var dev = cfg["device"]!.AsObject();
                foreach (var k in new[] { "identifiers", "name", "manufacturer", "model", "sw_version" }) Assert.True(dev.ContainsKey(k), $"{topic}: device.{k}");
                Assert.True(new[] { "state_topic", "command_topic", "mode_command_topic" }.Any(cfg.ContainsKey), topic);
            }
            var cpu = byTopic["homeassistant/sensor/edgevoice_disc/cpu_temperature/config"];
            Assert.Equal("temperature", (string)cpu["device_class"]!);
            Assert.Equal("°C", (string)cpu["unit_of_measurement"]!);
            Assert.Contains("value_json.cpu_temperature", (string)cpu["value_template"]!);
            var ev = byTopic["homeassistant/event/edgevoice_disc/intent/config"];
            Assert.Contains("HassTurnOn", ev["event_types"]!.AsArray().Select(x => (string)x!));
            Assert.Equal("edgevoice/disc/intent", (string)ev["state_topic"]!);
            Assert.Equal("edgevoice/disc/cmd/volume", (string)byTopic["homeassistant/number/edgevoice_disc/volume/config"]["command_topic"]!);
            Assert.Equal("edgevoice/disc/cmd/mute", (string)byTopic["homeassistant/switch/edgevoice_disc/mute/config"]["command_topic"]!);
            Assert.Equal("home/kitchen/kettle/set", (string)byTopic["homeassistant/switch/edgevoice_disc/device_kettle/config"]["command_topic"]!);
            var climate = byTopic["homeassistant/climate/edgevoice_disc/device_thermostat/config"];
            Assert.Equal("home/living_room/thermostat/set", (string)climate["temperature_command_topic"]!);
            Assert.Equal("{\"temperature\":{{ value }}}", (string)climate["temperature_command_template"]!);
            Assert.Equal(["off", "heat"], climate["modes"]!.AsArray().Select(x => (string)x!));
            Assert.Equal("{% if value == 'off' %}{\"mode\":\"off\"}{% else %}{\"mode\":\"heat\"}{% endif %}", (string)climate["mode_command_template"]!);
            Assert.Equal(35, (double)climate["max_temp"]!);
        }
        await using (var sub = await MqttSub.StartAsync(broker, "edgevoice/disc/#"))
        {
            var got = await sub.WaitForAsync(l => l.Count >= 3, TimeSpan.FromSeconds(5));
            Assert.Contains(("edgevoice/disc/state/assistant", "listening"), got);
            Assert.Contains(("edgevoice/disc/status", "offline"), got);
            var tel = JsonDocument.Parse(got.Single(m => m.Topic == "edgevoice/disc/state/telemetry").Payload).RootElement;
            Assert.Equal(52.3, tel.GetProperty("cpu_temperature").GetDouble());
            Assert.Equal(81, tel.GetProperty("battery").GetDouble());
        }

        // The kettle leaves the configuration: its retained entry is deleted on the next start.
        var home = JsonNode.Parse(File.ReadAllText(Repo.Config("home.json")))!;
        var devs = home["Devices"]!.AsArray();
        devs.Remove(devs.Single(d => (string)d!["Id"]! == "kettle"));
        var smaller = Path.Combine(Repo.TempDir("cfg"), "home.json");
        File.WriteAllText(smaller, home.ToJsonString());
        await using (var watch = await MqttSub.StartAsync(broker, "homeassistant/#"))
        await using (var n = await Node.StartAsync(broker, "disc", outbox, smaller))
            await watch.WaitForAsync(l => l.Any(m => m.Topic.Contains("device_kettle") && m.Payload == ""), TimeSpan.FromSeconds(15));
        await using (var sub = await MqttSub.StartAsync(broker, "homeassistant/#"))
        {
            var got = await sub.WaitForAsync(l => l.Count >= 13, TimeSpan.FromSeconds(5));
            await Task.Delay(300);
            Assert.Equal(13, sub.Messages.Count);
            Assert.DoesNotContain(sub.Messages, m => m.Topic.Contains("device_kettle"));
            Assert.Contains(sub.Messages, m => m.Topic.Contains("device_kitchen_light"));
        }
    }

    [Fact]
    public async Task Device_state_comes_from_retained_state_topics()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await Kit.Pub(broker, "home/kitchen/light/state", "{\"state\":\"ON\"}", retain: true);
        await using var n = await Node.StartAsync(broker, "st", Repo.TempDir("outbox"));
        var store = n.Services.GetRequiredService<IDeviceStateStore>();
        var end = DateTime.UtcNow.AddSeconds(5);
        string state = "";
        while (!store.TryGetState("kitchen_light", out state) && DateTime.UtcNow < end) await Task.Delay(50);
        Assert.Equal("{\"state\":\"ON\"}", state);
        Assert.False(store.TryGetState("living_room_light", out _));
        await Kit.Pub(broker, "home/kitchen/light/state", "{\"state\":\"OFF\"}", retain: true);
        end = DateTime.UtcNow.AddSeconds(5);
        while (store.TryGetState("kitchen_light", out state) && state.Contains("ON") && DateTime.UtcNow < end) await Task.Delay(50);
        Assert.Equal("{\"state\":\"OFF\"}", state);
    }

    [Fact]
    public async Task Valid_commands_reach_the_handler_and_malformed_ones_are_reported_without_effect()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var wavDir = Repo.TempDir("wavs");
        File.WriteAllBytes(Path.Combine(wavDir, "hello.wav"), new byte[64]);
        File.WriteAllBytes(Path.Combine(Repo.TempDir("elsewhere"), "x.wav"), new byte[64]);
        await using var n = await Node.StartAsync(broker, "cmd", Repo.TempDir("outbox"), wavDir: wavDir);
        await using var errors = await MqttSub.StartAsync(broker, "edgevoice/cmd/error");
        // Above Mqtt:MaxInboundBytes but below the packet size the broker may send (a 1 MB one never arrives: MemoryTests).
        var big = Path.Combine(Repo.TempDir("big"), "big.json");
        File.WriteAllText(big, "{\"text\":\"" + new string('a', 100 * 1024) + "\"}");

        var bad = new (string Cmd, string? Payload, string Expect)[]
        {
            ("say", "{not json", "invalid JSON"),
            ("say", null, "exceeds the limit"),
            ("say", "{\"text\":42}", "'text' must be a string"),
            ("say", "[1,2]", "must be a JSON object"),
            ("volume", "{\"level\":\"loud\"}", "'level' must be an integer"),
            ("volume", "{\"level\":150}", "outside 0..100"),
            ("volume", "{\"level\":5.5}", "'level' must be an integer"),
            ("mute", "{\"muted\":\"yes\"}", "'muted' must be true or false"),
            ("run_wav", "{\"path\":\"../elsewhere/x.wav\"}", "outside"),
            ("run_wav", "{\"path\":\"/etc/passwd\"}", "outside"),
            ("run_wav", "{\"path\":\"missing.wav\"}", "does not exist"),
            ("selfdestruct", "{}", "unknown command"),
        };
        foreach (var (cmd, payload, _) in bad)
        {
            var r = payload == null ? await Kit.Pub(broker, $"edgevoice/cmd/cmd/{cmd}", file: big) : await Kit.Pub(broker, $"edgevoice/cmd/cmd/{cmd}", payload);
            Assert.Equal(0, r.ExitCode);
        }
        var got = await errors.WaitForAsync(l => l.Count >= bad.Length, TimeSpan.FromSeconds(10));
        Assert.Equal(bad.Length, got.Count);
        foreach (var (cmd, _, expect) in bad)
            Assert.Contains(got, m => JsonDocument.Parse(m.Payload).RootElement is var e
                && e.GetProperty("command").GetString() == cmd && e.GetProperty("error").GetString()!.Contains(expect));
        Assert.Empty(n.Handler.Calls);

        // The service is still alive and valid commands work.
        await Kit.Pub(broker, "edgevoice/cmd/cmd/say", "{\"text\":\"hello there\"}");
        await Kit.Pub(broker, "edgevoice/cmd/cmd/volume", "{\"level\":35}");
        await Kit.Pub(broker, "edgevoice/cmd/cmd/mute", "{\"muted\":true}");
        await Kit.Pub(broker, "edgevoice/cmd/cmd/unmute", "");
        await Kit.Pub(broker, "edgevoice/cmd/cmd/reload", "");
        await Kit.Pub(broker, "edgevoice/cmd/cmd/run_wav", "{\"path\":\"hello.wav\"}");
        var end = DateTime.UtcNow.AddSeconds(10);
        while (n.Handler.Calls.Count < 6 && DateTime.UtcNow < end) await Task.Delay(50);
        Assert.Equal(["say:hello there", "volume:35", "muted:True", "muted:False", "reload", "wav:" + Path.Combine(wavDir, "hello.wav")],
            n.Handler.Calls);
        Assert.Equal(bad.Length, errors.Messages.Count);
    }
}
