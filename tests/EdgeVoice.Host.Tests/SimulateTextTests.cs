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
        await using var broker = await MosquittoBroker.StartAsync();
        var run = await SimulateCli.SimulateAsync([], broker.Port, dir, null,
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
