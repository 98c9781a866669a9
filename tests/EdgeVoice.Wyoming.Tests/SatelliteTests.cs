using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.WakeWord.Training;
using EdgeVoice.WakeWord;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeVoice.Wyoming.Tests;

/// <summary>Satellite mode against a stand-in Home Assistant on loopback.</summary>
public class SatelliteTests
{
    sealed class RecordingOutput : IAudioOutput
    {
        public readonly ConcurrentQueue<AudioClip> Played = new();
        public Task<string?> PlayAsync(AudioClip clip, string utteranceId, CancellationToken ct = default) { Played.Enqueue(clip); return Task.FromResult<string?>(null); }
        public void Stop() { }
    }

    static byte[] Tone(int rate, double seconds, double hz)
    {
        var b = new byte[(int)(rate * seconds) * 2];
        for (int i = 0; i < b.Length / 2; i++) BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(i * 2), (short)(12000 * Math.Sin(2 * Math.PI * hz * i / rate)));
        return b;
    }

    [Fact]
    public async Task The_command_after_the_wake_word_goes_to_Home_Assistant_and_its_reply_is_played()
    {
        Repo.RequireTool("espeak-ng");
        var synth = new Synth(Repo.TempDir("wyoming-sat"));
        var mic = new float[16000].Concat(synth.Say("hey jarvis")).Concat(new float[6400]).Concat(ServerFixture.Sample("turn_on_the_kettle")).Concat(new float[16000 * 3]).ToArray();
        var bus = new EventBus();
        using var fe = new VoiceFrontEnd(new WakeWordOptions { Verifier = WakeWordOptions.NoVerifier }, Repo.Models, bus);
        var output = new RecordingOutput();
        var states = new ConcurrentQueue<AssistantState>();
        using var _ = bus.Subscribe(e => { if (e is StateChanged s) states.Enqueue(s.State); });
        int reads = 0;
        using var sat = new Satellite(new SatelliteOptions { Enabled = true, Area = "kitchen", ReplyTimeoutSeconds = 120 }, "EdgeVoice test", "hey_jarvis", 30,
            () => fe, () => { Interlocked.Increment(ref reads); return new ArraySource(mic); }, output, bus, NullLogger<Satellite>.Instance);
        using var server = new WyomingServer(new WyomingOptions { Enabled = true, Host = "127.0.0.1", Port = 0 }, new WyomingStages { Satellite = sat });
        await server.StartAsync(default);
        await sat.StartAsync(default);
        try
        {
            await Task.Delay(300);
            Assert.Equal(0, Volatile.Read(ref reads)); // nothing is heard before Home Assistant runs the satellite

            await using var ha = await TestClient.ConnectAsync(server.Port);
            await ha.SendAsync("describe");
            var info = await ha.ExpectAsync("info");
            Assert.Equal("kitchen", info.Data["satellite"]!["area"]!.GetValue<string>());
            Assert.Null(info.Data["asr"]);
            await ha.SendAsync("run-satellite");

            var run = await ha.ExpectAsync("run-pipeline");
            Assert.Equal("asr", run.Data["start_stage"]!.GetValue<string>());
            Assert.Equal("tts", run.Data["end_stage"]!.GetValue<string>());
            Assert.Equal("hey_jarvis", run.Data["wake_word_name"]!.GetValue<string>());
            var start = await ha.ExpectAsync("audio-start");
            Assert.Equal(16000, start.Data["rate"]!.GetValue<int>());
            var pcm = new List<byte>();
            for (var e = await ha.ExpectAsync("audio-chunk", "audio-stop"); e.Type != "audio-stop"; e = await ha.ExpectAsync("audio-chunk", "audio-stop")) pcm.AddRange(e.Payload);
            var heard = new float[pcm.Count / 2];
            for (int i = 0; i < heard.Length; i++) heard[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm.ToArray().AsSpan(i * 2)) / 32768f;
            Assert.Equal("turn on the kettle", (await ServerFixture.Recognizer().TranscribeAsync(new AudioClip(heard))).Text);

            await ha.SendAsync("transcript", new JsonObject { ["text"] = "turn on the kettle" });
            await ha.SendAsync("synthesize", new JsonObject { ["text"] = "Turned on the kettle" });
            var fmt = new JsonObject { ["rate"] = 22050, ["width"] = 2, ["channels"] = 1 };
            await ha.SendAsync("audio-start", fmt);
            var tone = Tone(22050, 0.5, 440);
            for (int i = 0; i < tone.Length; i += 4410) await ha.SendAsync("audio-chunk", fmt.DeepClone().AsObject(), tone[i..Math.Min(tone.Length, i + 4410)]);
            await ha.SendAsync("audio-stop");
            await ha.ExpectAsync("played");

            var clip = Assert.Single(output.Played);
            Assert.Equal(16000, clip.SampleRate);
            Assert.InRange(clip.Duration.TotalSeconds, 0.48, 0.52);
            Assert.InRange(AudioLevel.Rms(clip.Samples), 0.2, 0.3); // 12000/32768/sqrt(2) = 0.26
            Assert.Equal(1, sat.Turns);
            // The LEDs' story: listening after the wake word, thinking while Home Assistant works, speaking, idle.
            var seq = states.ToArray();
            int listening = Array.IndexOf(seq, AssistantState.Listening), thinking = Array.IndexOf(seq, AssistantState.Thinking), speaking = Array.IndexOf(seq, AssistantState.Speaking);
            Assert.True(listening >= 0 && listening < thinking && thinking < speaking, string.Join(",", seq));
            Assert.Equal(AssistantState.Idle, seq[speaking + 1]);
        }
        finally { await sat.StopAsync(default); await server.StopAsync(default); }
    }

    [Fact]
    public async Task While_muted_a_wake_word_sends_nothing_to_Home_Assistant()
    {
        Repo.RequireTool("espeak-ng");
        var synth = new Synth(Repo.TempDir("wyoming-sat"));
        var mic = new float[16000].Concat(synth.Say("hey jarvis")).Concat(new float[6400]).Concat(ServerFixture.Sample("open_the_blinds")).Concat(new float[16000 * 3]).ToArray();
        using var fe = new VoiceFrontEnd(new WakeWordOptions { Verifier = WakeWordOptions.NoVerifier }, Repo.Models);
        var bus = new EventBus();
        var ended = new TaskCompletionSource();
        using var sat = new Satellite(new SatelliteOptions { Enabled = true }, "EdgeVoice test", "hey_jarvis", 30,
            () => fe, () => new CallbackEnd(new ArraySource(mic), ended), new RecordingOutput(), bus, NullLogger<Satellite>.Instance);
        using var server = new WyomingServer(new WyomingOptions { Enabled = true, Host = "127.0.0.1", Port = 0 }, new WyomingStages { Satellite = sat });
        await server.StartAsync(default);
        await sat.StartAsync(default);
        try
        {
            bus.Publish(new ButtonPressed("mute"));
            Assert.True(sat.Muted);
            await using var ha = await TestClient.ConnectAsync(server.Port);
            await ha.SendAsync("run-satellite");
            await ended.Task.WaitAsync(TimeSpan.FromSeconds(120));
            await ha.SendAsync("ping");
            Assert.Equal("pong", (await ha.ReadAsync())!.Type); // no run-pipeline or audio came before it
            Assert.Equal(0, sat.Turns);
        }
        finally { await sat.StopAsync(default); await server.StopAsync(default); }
    }

    /// <summary>Signals when the wrapped source has been read to its end.</summary>
    sealed class CallbackEnd(IAudioSource inner, TaskCompletionSource ended) : IAudioSource
    {
        public string Name => inner.Name;
        public async IAsyncEnumerable<float[]> ReadFramesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            await foreach (var x in inner.ReadFramesAsync(ct)) yield return x;
            await Task.Delay(300, ct);
            ended.TrySetResult();
        }
    }
}
