using System.Buffers.Binary;
using System.Text.Json.Nodes;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.WakeWord.Training;

namespace EdgeVoice.Wyoming.Tests;

/// <summary>Each Wyoming service driven through the test client against the real server.</summary>
[Collection("server")]
public class ServiceTests(ServerFixture f)
{
    [Fact]
    public async Task Describe_answers_info_listing_the_configured_services()
    {
        await using var c = await TestClient.ConnectAsync(f.Port);
        await c.SendAsync("describe");
        var info = await c.ExpectAsync("info");
        Assert.Equal("pocketsphinx-grammar", info.Data["asr"]![0]!["models"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("en-us", info.Data["tts"]![0]!["voices"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("hey_jarvis", info.Data["wake"]![0]!["models"]![0]!["name"]!.GetValue<string>());
        Assert.True(info.Data["intent"]![0]!["installed"]!.GetValue<bool>());
        Assert.Null(info.Data["satellite"]); // not configured here
    }

    [Fact]
    public async Task Ping_gets_pong_with_the_same_text()
    {
        await using var c = await TestClient.ConnectAsync(f.Port);
        await c.SendAsync("ping", new JsonObject { ["text"] = "abc" });
        Assert.Equal("abc", (await c.ExpectAsync("pong")).Data["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("turn_on_the_kitchen_light", "turn on the kitchen light")]
    [InlineData("set_the_thermostat_to_twenty_one_degrees", "set the thermostat to twenty one degrees")]
    public async Task A_wav_streamed_as_chunks_gets_its_transcript(string sample, string expected)
    {
        await using var c = await TestClient.ConnectAsync(f.Port);
        await c.SendAsync("transcribe", new JsonObject { ["language"] = "en" });
        await c.SendAudioAsync(ServerFixture.Pcm16(ServerFixture.Sample(sample)), 16000, 2, 1);
        Assert.Equal(expected, (await c.ExpectAsync("transcript")).Data["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Audio_at_another_rate_width_and_channel_count_is_converted_on_the_way_in()
    {
        // 44.1 kHz, 32-bit, stereo: the speech in the left channel, silence in the right (mixed down: 6 dB quieter).
        var x = AudioConvert.Resample(ServerFixture.Sample("turn_on_the_kettle"), 16000, 44100);
        var pcm = new byte[x.Length * 8];
        for (int i = 0; i < x.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(pcm.AsSpan(i * 8), (int)Math.Clamp(x[i] * 2.0 * int.MaxValue, int.MinValue, int.MaxValue));
        }
        await using var c = await TestClient.ConnectAsync(f.Port);
        await c.SendAsync("transcribe");
        await c.SendAudioAsync(pcm, 44100, 4, 2, chunkMs: 100);
        Assert.Equal("turn on the kettle", (await c.ExpectAsync("transcript")).Data["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Synthesize_returns_playable_speech_that_the_recogniser_understands()
    {
        await using var c = await TestClient.ConnectAsync(f.Port);
        await c.SendAsync("synthesize", new JsonObject { ["text"] = "turn on the kitchen light", ["voice"] = new JsonObject { ["name"] = "en-us" } });
        var start = await c.ExpectAsync("audio-start");
        int rate = start.Data["rate"]!.GetValue<int>();
        Assert.Equal(2, start.Data["width"]!.GetValue<int>());
        Assert.Equal(1, start.Data["channels"]!.GetValue<int>());
        var pcm = new List<byte>();
        int chunks = 0;
        for (var e = await c.ExpectAsync("audio-chunk", "audio-stop"); e.Type != "audio-stop"; e = await c.ExpectAsync("audio-chunk", "audio-stop"))
        {
            Assert.Equal(rate, e.Data["rate"]!.GetValue<int>());
            pcm.AddRange(e.Payload);
            chunks++;
        }
        Assert.True(chunks > 1, $"{chunks} chunk(s)");
        Assert.Equal(0, pcm.Count % 2);
        var samples = new float[pcm.Count / 2];
        for (int i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm.ToArray().AsSpan(i * 2)) / 32768f;
        Assert.InRange(samples.Length / (double)rate, 0.8, 5);
        Assert.True(AudioLevel.Rms(samples) > 0.02, $"rms {AudioLevel.Rms(samples)}");
        var heard = await f.Stt.TranscribeAsync(new AudioClip(AudioConvert.Resample(samples, rate, 16000)));
        Assert.Equal("turn on the kitchen light", heard.Text);
    }

    [Fact]
    public async Task Detect_on_a_wake_word_stream_returns_detection_and_on_speech_without_it_not_detected()
    {
        var synth = new Synth(Repo.TempDir("wyoming-synth"));
        var wake = new float[16000].Concat(synth.Say("hey jarvis")).Concat(new float[8000]).Concat(ServerFixture.Sample("turn_on_the_kettle")).Concat(new float[16000]).ToArray();
        await using var c = await TestClient.ConnectAsync(f.Port);
        await c.SendAsync("detect", new JsonObject { ["names"] = new JsonArray("hey_jarvis") });
        await c.SendAudioAsync(ServerFixture.Pcm16(wake), 16000, 2, 1, chunkMs: 80);
        var d = await c.ExpectAsync("detection", "not-detected");
        Assert.Equal("detection", d.Type);
        Assert.Equal("hey_jarvis", d.Data["name"]!.GetValue<string>());
        // The phrase ends about 1.6 s in.
        Assert.InRange(d.Data["timestamp"]!.GetValue<long>(), 1000, 2600);

        await c.SendAsync("detect");
        await c.SendAudioAsync(ServerFixture.Pcm16([.. new float[8000], .. ServerFixture.Sample("turn_on_the_kettle"), .. new float[8000]]), 16000, 2, 1);
        Assert.Equal("not-detected", (await c.ExpectAsync("detection", "not-detected")).Type);
    }

    [Fact]
    public async Task Detect_for_a_wake_word_this_device_does_not_have_is_refused()
    {
        await using var c = await TestClient.ConnectAsync(f.Port);
        await c.SendAsync("detect", new JsonObject { ["names"] = new JsonArray("alexa") });
        var e = await c.ExpectAsync("error");
        Assert.Contains("hey_jarvis", e.Data["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Recognize_returns_the_intent_for_a_configured_device_and_not_recognized_otherwise()
    {
        await using var c = await TestClient.ConnectAsync(f.Port);
        await c.SendAsync("recognize", new JsonObject { ["text"] = "turn on the kitchen light" });
        var i = await c.ExpectAsync("intent", "not-recognized");
        Assert.Equal("HassTurnOn", i.Data["name"]!.GetValue<string>());
        Assert.Contains(i.Data["entities"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "device" && e["value"]!.GetValue<string>() == "kitchen_light");
        await c.SendAsync("recognize", new JsonObject { ["text"] = "open the pod bay doors" });
        Assert.Equal("not-recognized", (await c.ExpectAsync("intent", "not-recognized")).Type);
    }
}
