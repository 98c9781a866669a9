using EdgeVoice.Audio;
using EdgeVoice.Core;

namespace EdgeVoice.Host.Tests;

/// <summary>`simulate --stream`: wake word, command, chatter and silence in one recording, through the real front end.</summary>
public sealed class StreamSimulationTests
{
    static readonly (string Command, string Topic, string Payload)[] Pairs =
    [
        ("turn on the kitchen light", "home/kitchen/light/set", "{\"state\":\"ON\"}"),
        ("turn off the kettle", "home/kitchen/kettle/set", "OFF"),
        ("open the blinds", "home/living_room/blinds/set", "OPEN"),
    ];

    /// <summary>Chatter, silence, "hey jarvis" and a command, three times; returns the file and the phrase ends.</summary>
    static async Task<(string Path, List<long> PhraseEnds)> BuildStream(string dir)
    {
        var parts = new List<float>();
        var phraseEnds = new List<long>();
        // Trimmed: espeak-ng ends each clip with ~0.4 s of silence, which would put the "phrase end" that much after the speech.
        async Task Add(string text, string voice = "en-us") => parts.AddRange(SilenceTrim.Trim(AudioConvert.Load(await Espeak.SayAsync(text, dir, voice, 150)), 40, 0).Samples);
        void Silence(double s) => parts.AddRange(new float[(int)(s * AudioClip.PipelineRate)]);
        Silence(1);
        foreach (var (command, _, _) in Pairs)
        {
            await Add("I think we should have dinner at seven", "en+m3");
            Silence(1.5);
            await Add("hey jarvis");
            phraseEnds.Add(parts.Count * 1000L / AudioClip.PipelineRate);
            Silence(0.6);
            await Add(command);
            Silence(2);
        }
        var stream = Path.Combine(dir, "stream.wav");
        WavWriter.Write(stream, new AudioClip(parts.ToArray()));
        return (stream, phraseEnds);
    }

    [Fact]
    public async Task Each_wake_word_and_command_in_a_long_recording_becomes_one_report()
    {
        var dir = Repo.TempDir("stream");
        var (stream, phraseEnds) = await BuildStream(dir);
        var pairs = Pairs;
        await using var broker = await MosquittoBroker.StartAsync();

        var run = await SimulateCli.SimulateAsync([], broker.Port, dir, null, "--stream", stream);

        Assert.True(run.Lines.Count == pairs.Length, $"{run.Lines.Count} reports\n{run.StdErr}");
        for (int i = 0; i < pairs.Length; i++)
        {
            var line = run.Lines[i];
            Assert.Contains((pairs[i].Topic, pairs[i].Payload), line.Published());
            long wake = line.GetProperty("wake_at_ms").GetInt64();
            Assert.InRange(wake, phraseEnds[i] - 300, phraseEnds[i] + 600);
            Assert.True(line.GetProperty("speech_end_ms").GetInt64() > wake);
        }
    }

    [Fact]
    public async Task The_service_listens_to_its_microphone_and_commands_reach_the_broker()
    {
        var dir = Repo.TempDir("service");
        var (stream, _) = await BuildStream(dir);
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sub = await MqttSub.StartAsync(broker, "home/#");
        var env = new Dictionary<string, string>
        {
            ["EDGEVOICE__Audio__Input"] = "wav", ["EDGEVOICE__Audio__InputFile"] = stream,
            ["EDGEVOICE__Audio__Output"] = "wav", ["EDGEVOICE__Audio__OutputDir"] = Path.Combine(dir, "replies"),
            ["EDGEVOICE__Hardware__Mode"] = "simulated",
            ["EDGEVOICE__Mqtt__Port"] = broker.Port.ToString(), ["EDGEVOICE__Mqtt__OutboxDir"] = Path.Combine(dir, "outbox"),
            ["EDGEVOICE__ModelsDir"] = Repo.Models,
        };

        var r = await Proc.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgevoice.dll"), "run"], TimeSpan.FromMinutes(2), env: env);

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.StdErr}{r.StdOut}");
        var got = await sub.WaitForAsync(m => m.Count >= Pairs.Length, TimeSpan.FromSeconds(5));
        foreach (var (command, topic, payload) in Pairs)
            Assert.True(got.Contains((topic, payload)), $"'{command}' did not reach {topic}\n{r.StdOut}");
        Assert.Contains("ended; stopping", r.StdOut + r.StdErr);
    }
}
