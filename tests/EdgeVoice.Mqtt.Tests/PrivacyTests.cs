using EdgeVoice.Core;
using EdgeVoice.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeVoice.Mqtt.Tests;

public class PrivacyTests
{
    const string Said = "unlock the back door for the plumber";

    [Fact]
    public async Task PublishTranscripts_false_keeps_what_was_said_off_the_broker()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var events = await MqttSub.StartAsync(broker, "edgevoice/#");
        await using (var n = await Node.StartAsync(broker, "priv", Repo.TempDir("outbox"), settings: new() { ["Mqtt:PublishTranscripts"] = "false" }))
        {
            n.Bus.Publish(new TranscriptReady(new Transcript(Said, 0.9, "test")));
            await n.Services.GetRequiredService<IIntentPublisher>().PublishAsync(Kit.Light(30), Said);
            await events.WaitForAsync(l => l.Any(m => m.Topic == "edgevoice/priv/intent"), TimeSpan.FromSeconds(5));
            await Task.Delay(300);
        }
        Assert.DoesNotContain(events.Messages, m => m.Payload.Contains(Said));
        Assert.DoesNotContain(events.Messages, m => m.Topic.Contains("last_transcript") && m.Payload.Length > 0);
        Assert.Contains(events.Messages, m => m.Topic == "edgevoice/priv/intent" && m.Payload.Contains("kitchen_light"));
    }

    [Fact]
    public async Task Without_discovery_no_transcript_stays_retained_on_a_state_topic()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using (var n = await Node.StartAsync(broker, "nodisc", Repo.TempDir("outbox"), settings: new() { ["Mqtt:Discovery:Enabled"] = "false" }))
        {
            n.Bus.Publish(new TranscriptReady(new Transcript(Said, 0.9, "test")));
            await Task.Delay(500);
        }
        await using var sub = await MqttSub.StartAsync(broker, "edgevoice/#");
        await sub.WaitForAsync(l => l.Any(m => m.Topic == "edgevoice/nodisc/status"), TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        Assert.DoesNotContain(sub.Messages, m => m.Payload.Contains(Said));
    }
}
