using EdgeVoice.Audio;
using EdgeVoice.Core;

namespace EdgeVoice.Host.Tests;

/// <summary>`simulate --stream`: wake word, command, chatter and silence in one recording, through the real front end.</summary>
public sealed class StreamSimulationTests
{
    [Fact]
    public async Task Each_wake_word_and_command_in_a_long_recording_becomes_one_report()
    {
        var dir = Repo.TempDir("stream");
        var parts = new List<float>();
        var phraseEnds = new List<long>();
        async Task Add(string text, string voice = "en-us") => parts.AddRange(AudioConvert.Load(await Espeak.SayAsync(text, dir, voice, 150)).Samples);
        void Silence(double s) => parts.AddRange(new float[(int)(s * AudioClip.PipelineRate)]);
        (string Command, string Topic, string Payload)[] pairs =
        [
            ("turn on the kitchen light", "home/kitchen/light/set", "{\"state\":\"ON\"}"),
            ("turn off the kettle", "home/kitchen/kettle/set", "OFF"),
            ("open the blinds", "home/living_room/blinds/set", "OPEN"),
        ];
        Silence(1);
        foreach (var (command, _, _) in pairs)
        {
            await Add("I think we should have dinner at seven", "en+m3");
            Silence(1.5);
            await Add("hey jarvis");
            phraseEnds.Add(parts.Count * 1000L / AudioClip.PipelineRate);
            Silence(0.4);
            await Add(command);
            Silence(2);
        }
        var stream = Path.Combine(dir, "stream.wav");
        WavWriter.Write(stream, new AudioClip(parts.ToArray()));
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
}
