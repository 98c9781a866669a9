using EdgeVoice.Testing;

namespace EdgeVoice.Host.Tests;

public sealed class PrivacyTests
{
    const string Said = "turn on the kitchen light";

    static async Task<(SimulateCli.Run Run, List<(string Topic, string Payload)> Broker)> SimulateAsync(Dictionary<string, string> env)
    {
        var dir = Repo.TempDir("privacy");
        var wav = await Espeak.SayAsync(Said, dir);
        var (run, received) = await SimulateCli.SimulateWatchedAsync([wav], dir, "#", l => l.Any(m => m.Topic.EndsWith("/intent")), TimeSpan.FromSeconds(10), env);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}");
        return (run, received);
    }

    [Fact]
    public async Task With_transcripts_kept_private_neither_the_log_nor_the_broker_hears_what_was_said()
    {
        var (run, broker) = await SimulateAsync(new()
        {
            ["EDGEVOICE__Privacy__LogTranscripts"] = "false", ["EDGEVOICE__Mqtt__PublishTranscripts"] = "false",
        });
        Assert.Equal(Said, run.Lines.Single().GetProperty("transcript").GetString()); // the caller's own output keeps it
        Assert.DoesNotContain(Said, run.StdErr);
        Assert.Contains(TranscriptRedaction.Hidden, run.StdErr);
        Assert.DoesNotContain(broker, m => m.Payload.Contains(Said));
        Assert.Contains(broker, m => m.Topic == "home/kitchen/light/set");
    }

    [Fact]
    public async Task By_default_the_log_names_what_was_heard()
    {
        var (run, broker) = await SimulateAsync([]);
        Assert.Contains(Said, run.StdErr);
        Assert.Contains(broker, m => m.Topic.EndsWith("/intent") && m.Payload.Contains(Said));
    }
}
