using System.Text.Json.Nodes;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Host.Cli;
using EdgeVoice.Host.Pipeline;
using EdgeVoice.Mqtt;
using EdgeVoice.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Host.Tests;

/// <summary>A device added by `reload` is known to every stage: heard, understood and published.</summary>
public sealed class ReloadTests
{
    [Fact]
    public async Task A_device_added_by_reload_is_published_to_the_broker()
    {
        var dir = Repo.TempDir("reload");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sub = await MqttSub.StartAsync(broker, "home/#");
        var config = JsonNode.Parse(File.ReadAllText(Repo.Config("home.json")))!.AsObject();
        config["ModelsDir"] = Repo.Models;
        config["Mqtt"] = new JsonObject
        {
            ["Host"] = broker.Host, ["Port"] = broker.Port, ["OutboxDir"] = Path.Combine(dir, "outbox"),
            ["ClientId"] = "edgevoice-test-" + Guid.NewGuid().ToString("N")[..8],
        };
        config["Audio"] = new JsonObject { ["Output"] = "wav", ["OutputDir"] = Path.Combine(dir, "replies") };
        var file = Path.Combine(dir, "edgevoice.json");
        File.WriteAllText(file, config.ToJsonString());
        var wav = await Espeak.SayAsync("turn on the garden light", dir);

        using var host = AppHost.CreateBuilder(CliArgs.Parse(["simulate", "--wav", wav, "--config", file])).Build();
        var pipeline = host.Services.GetRequiredService<VoicePipeline>();
        var publisher = host.Services.GetRequiredService<MqttIntentPublisher>(); // built before the reload, as in the service
        await publisher.StartAsync();

        config["Devices"]!.AsArray().Add(JsonNode.Parse("""
            { "Id": "garden_light", "Name": "garden light", "Area": "garden", "Type": "light", "Actions": ["HassTurnOn", "HassTurnOff"],
              "CommandTopic": "home/garden/light/set", "Payloads": { "HassTurnOn": "{\"state\":\"ON\"}", "HassTurnOff": "{\"state\":\"OFF\"}" } }
            """));
        File.WriteAllText(file, config.ToJsonString());
        await host.Services.GetRequiredService<IRemoteCommandHandler>().ReloadAsync(CancellationToken.None);
        var devices = host.Services.GetRequiredService<IOptionsMonitor<EdgeVoiceOptions>>();
        for (int i = 0; i < 100 && !devices.CurrentValue.Devices.Any(d => d.Id == "garden_light"); i++) await Task.Delay(50);

        var report = await pipeline.ProcessAsync(AudioConvert.Load(wav), "garden");

        Assert.True(report.Intent?.Device == "garden_light", $"heard '{report.Transcript}', intent {report.Intent?.Device ?? "none"}");
        var got = await sub.WaitForAsync(m => m.Count >= 1, TimeSpan.FromSeconds(5));
        Assert.True(got.Contains(("home/garden/light/set", "{\"state\":\"ON\"}")),
            $"reply '{report.Reply}', published [{string.Join("; ", report.Published)}], broker got [{string.Join("; ", got)}]");
        Assert.Equal("Turning on the garden light.", report.Reply);
    }
}
