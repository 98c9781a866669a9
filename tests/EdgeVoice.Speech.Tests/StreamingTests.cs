using EdgeVoice.Core;
using EdgeVoice.Testing;

namespace EdgeVoice.Speech.Tests;

/// <summary>Decoding while the command is spoken, as the front end feeds it.</summary>
public sealed class StreamingTests
{
    static void Feed(ISpeechStream s, float[] audio)
    {
        for (int i = 0; i < audio.Length; i += 1280) s.Accept(audio.AsSpan(i, Math.Min(1280, audio.Length - i)));
    }

    /// <summary>Half a second of room noise before, the endpointer's 700 ms silence tail after.</summary>
    static float[] AsCaptured(AudioClip speech, double noise = 0.002)
    {
        var rng = new Random(7);
        float N() => (float)(noise * (rng.NextDouble() * 2 - 1));
        return Enumerable.Range(0, 8000).Select(_ => N()).Concat(speech.Samples.Select(x => x + N()))
            .Concat(Enumerable.Range(0, 11200).Select(_ => N())).ToArray();
    }

    [Fact]
    public async Task A_command_streamed_in_frames_with_pauses_around_it_is_recognised()
    {
        using var g = SpeechFixtures.Grammar(Profiles.Home);
        foreach (var c in new[] { "turn off the kitchen light", "set the thermostat to twenty one degrees", "close the blinds" })
        {
            using var s = g.Begin();
            Feed(s, AsCaptured(await SpeechFixtures.SayAsync(c)));
            var t = await s.EndAsync();
            Assert.True(t.IsCommand && t.Text == c, $"'{c}' streamed was heard as '{t.Text}' (candidate '{t.Candidate}', margin {t.Margin:F1})");
        }
    }

    [Fact]
    public async Task Out_of_grammar_speech_streamed_is_still_rejected()
    {
        using var g = SpeechFixtures.Grammar(Profiles.Home);
        foreach (var c in new[] { "how long should I boil an egg", "I think we should order pizza tonight" })
        {
            using var s = g.Begin();
            Feed(s, AsCaptured(await SpeechFixtures.SayAsync(c)));
            var t = await s.EndAsync();
            Assert.False(t.IsCommand, $"'{c}' became the command '{t.Text}' (margin {t.Margin:F1})");
        }
    }

    [Fact]
    public async Task An_utterance_nobody_ends_holds_the_decoders_for_a_bounded_time_only()
    {
        // MaxCommandSeconds 6: the stream gives the decoders up 24 s after it began.
        using var g = SpeechFixtures.Grammar(Profiles.Home);
        var lost = g.Begin(); // neither ended nor disposed: a consumer's bug
        Feed(lost, (await SpeechFixtures.SayAsync("turn on the kettle")).Samples[..8000]);
        using var next = g.Begin();
        Feed(next, AsCaptured(await SpeechFixtures.SayAsync("close the blinds")));
        var t = await next.EndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("close the blinds", t.Text);
        GC.KeepAlive(lost);
    }

    [Fact]
    public async Task An_abandoned_utterance_does_not_hold_up_the_next_one()
    {
        using var g = SpeechFixtures.Grammar(Profiles.Home);
        var s1 = g.Begin();
        Feed(s1, (await SpeechFixtures.SayAsync("turn on the kettle")).Samples);
        s1.Dispose();
        using var s2 = g.Begin();
        Feed(s2, (await SpeechFixtures.SayAsync("turn off the kettle")).Samples);
        var t = await s2.EndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("turn off the kettle", t.Text);
        Assert.Throws<InvalidOperationException>(() => s2.Accept(new float[10]));
    }

    [Fact]
    public async Task Utterances_begun_while_earlier_ones_wait_are_decoded_in_order()
    {
        // The front end runs ahead of a busy consumer: several wake words, several streams begun, and
        // the consumer ends them one by one in order. A later stream must not take the decoders first.
        using var g = SpeechFixtures.Grammar(Profiles.Home);
        var commands = new[] { "turn on the kettle", "turn off the kettle", "open the blinds", "close the blinds", "turn on the kitchen light", "turn off the fan" };
        var audio = new List<float[]>();
        foreach (var c in commands) audio.Add((await SpeechFixtures.SayAsync(c)).Samples);
        // Begun back to back from a thread-pool thread, as the front end's loop does: that thread's own
        // queue runs the newest work item first.
        var streams = await Task.Run(() => audio.Select(a => { var s = g.Begin(); Feed(s, a); return s; }).ToList());
        for (int i = 0; i < commands.Length; i++)
        {
            var t = await streams[i].EndAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(commands[i], t.Text);
            streams[i].Dispose();
        }
    }

    [Fact]
    public async Task Nothing_but_silence_is_no_command()
    {
        using var g = SpeechFixtures.Grammar(Profiles.Home);
        using var s = g.Begin();
        Feed(s, new float[3 * AudioClip.PipelineRate]);
        var t = await s.EndAsync();
        Assert.False(t.IsCommand);
        Assert.Equal("", t.Text);
    }
}
