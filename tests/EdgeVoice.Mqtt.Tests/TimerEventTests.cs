using System.Text.Json.Nodes;
using EdgeVoice.Core;
using EdgeVoice.Testing;

namespace EdgeVoice.Mqtt.Tests;

/// <summary>A device timer that ends is an event under the node's own topics, not retained.</summary>
public sealed class TimerEventTests
{
    [Fact]
    public async Task A_finished_timer_is_published_on_the_nodes_event_topic()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var n = await Node.StartAsync(broker, "tmr", Repo.TempDir("outbox"));
        await using (var watch = await MqttSub.StartAsync(broker, "edgevoice/tmr/event/#"))
        {
            n.Bus.Publish(new TimerFinished("abc", "pizza", "kitchen", 600, true, "Your pizza timer finished while I was off."));
            var got = await watch.WaitForAsync(l => l.Count > 0, TimeSpan.FromSeconds(10));
            var (topic, payload) = Assert.Single(got);
            Assert.Equal("edgevoice/tmr/event/timer", topic);
            var j = JsonNode.Parse(payload)!.AsObject();
            Assert.Equal(("abc", "pizza", "kitchen", 600, true), ((string)j["id"]!, (string)j["name"]!, (string)j["area"]!, (int)j["seconds"]!, (bool)j["while_off"]!));
        }
        // Not retained: a late subscriber hears nothing old.
        await using var late = await MqttSub.StartAsync(broker, "edgevoice/tmr/event/#");
        await Task.Delay(500);
        Assert.Empty(late.Messages);
    }
}
