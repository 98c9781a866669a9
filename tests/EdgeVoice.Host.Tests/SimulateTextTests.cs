using EdgeVoice.Host.Cli;
using EdgeVoice.Testing;

namespace EdgeVoice.Host.Tests;

/// <summary>`simulate --text`: transcripts straight into the intent stage, the same JSON line as for a WAV.</summary>
public sealed class SimulateTextTests
{
    [Fact]
    public async Task Texts_go_through_intents_and_mqtt_with_the_wav_contract()
    {
        var dir = Repo.TempDir("text");
        var run = await SimulateCli.SimulateWithBrokerAsync([], dir, null,
            "--text", "turn on the kitchen light", "--text", "set the blinds to forty percent", "--text", "   ");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}");
        Assert.Equal(3, run.Lines.Count);
        var (light, blinds, empty) = (run.Lines[0], run.Lines[1], run.Lines[2]);
        Assert.Equal("text:1", light.GetProperty("file").GetString());
        Assert.Equal("turn on the kitchen light", light.GetProperty("transcript").GetString());
        Assert.Equal("text", light.GetProperty("recognizer").GetString());
        Assert.Equal("HassTurnOn", light.GetProperty("intent").GetProperty("name").GetString());
        Assert.Contains(("home/kitchen/light/set", "{\"state\":\"ON\"}"), light.Published());
        Assert.Contains(("home/living_room/blinds/set", "{\"position\":40}"), blinds.Published());
        Assert.Null(light.Error());
        foreach (var field in new[] { "reply", "reply_wav", "timings_ms", "intents", "tier" }) Assert.True(light.TryGetProperty(field, out _), field);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, empty.GetProperty("intent").ValueKind);
        Assert.Empty(empty.Published());
    }

    [Fact]
    public void Text_cannot_be_mixed_with_audio_input_and_needs_a_value()
    {
        Assert.Equal(["a", "b"], CliArgs.Parse(["simulate", "--text", "a", "--text", "b"]).Texts);
        Assert.Contains("not several", Assert.Throws<ArgumentException>(() => CliArgs.Parse(["simulate", "--text", "a", "--wav", "x.wav"])).Message);
        Assert.Contains("needs a value", Assert.Throws<ArgumentException>(() => CliArgs.Parse(["simulate", "--text"])).Message);
    }
}

/// <summary>`simulate --text` with Home Assistant's timer sentences: the timers run in the one process.</summary>
public sealed class SimulateTimerTests
{
    [Fact]
    public async Task Timers_are_started_asked_about_and_cancelled()
    {
        var dir = Repo.TempDir("text-timers");
        var run = await SimulateCli.SimulateWithBrokerAsync([], dir, null,
            "--text", "set a timer for 5 minutes", "--text", "set a 10 minute timer named pizza",
            "--text", "how much time is left on the pizza timer", "--text", "cancel the 5 minute timer", "--text", "cancel all timers");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}");
        string Reply(int i) => run.Lines[i].GetProperty("reply").GetString()!;
        string Name(int i) => run.Lines[i].GetProperty("intent").GetProperty("name").GetString()!;
        Assert.Equal(("HassStartTimer", "Timer set for 5 minutes."), (Name(0), Reply(0)));
        Assert.Equal(("HassStartTimer", "Timer set for 10 minutes named pizza."), (Name(1), Reply(1)));
        Assert.Equal("HassTimerStatus", Name(2));
        Assert.Matches(@"^The pizza timer has (10 minutes|9 minutes and \d+ seconds) left\.$", Reply(2)); // real time passes between lines
        Assert.Equal(("HassCancelTimer", "Timer cancelled."), (Name(3), Reply(3)));
        Assert.Equal(("HassCancelAllTimers", "Canceled 1 timer."), (Name(4), Reply(4)));
        // No device command: only the node's own intent event goes out.
        Assert.All(run.Lines, l => Assert.All(l.Published(), m => Assert.Matches("^edgevoice/[^/]+/intent$", m.Item1)));
        Assert.Equal(300, run.Lines[0].GetProperty("intent").GetProperty("slots").GetProperty("duration").GetInt32());
    }
}
