using System.Text.Json.Nodes;
using EdgeVoice.Host.Timers;
using EdgeVoice.Intents.Timers;

namespace EdgeVoice.Host.Tests;

/// <summary>`edgevoice run` with timers saved by an earlier run: the one that ended while it was down is announced once.</summary>
public sealed class ServiceTimerTests
{
    [Fact]
    public async Task A_timer_that_ended_while_down_is_spoken_and_published_and_the_other_kept()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var run = new ServiceRun("svc-timers", broker.Port);
        var file = Path.Combine(run.Dir, "timers.json"); // beside the outbox
        var now = DateTimeOffset.UtcNow;
        var ended = new TimerEntry("ended1", null, "kitchen", 300, now.AddMinutes(-3), null);
        var later = new TimerEntry("later1", "pizza", null, 3600, now.AddHours(1), null);
        new FileTimerStore(file).Save([ended, later]);

        await using var watch = await MqttSub.StartAsync(broker, "edgevoice/+/event/timer");
        var r = await run.RunAsync();

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.StdErr}");
        Assert.True(File.Exists(Path.Combine(run.Dir, "replies", "timer-ended1.wav")), r.StdErr);
        Assert.Equal(["later1"], new FileTimerStore(file).Load().Select(t => t.Id).ToArray());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Contains("sentence templates ready", r.StdErr);
        var (topic, payload) = Assert.Single(await watch.WaitForAsync(l => l.Count > 0, TimeSpan.FromSeconds(10)));
        var j = JsonNode.Parse(payload)!.AsObject();
        Assert.Equal(("ended1", true, "Your 5 minute timer finished while I was off."), ((string)j["id"]!, (bool)j["while_off"]!, (string)j["message"]!));
    }
}
