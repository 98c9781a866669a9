using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Testing;
using EdgeVoice.WakeWord.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeVoice.WakeWord.Tests;

[Collection("streams")]
public class FrontEndBehaviourTests(StreamFixture f)
{
    float[] Pair(out WakeTruth truth, string voice = "en-us")
    {
        var b = new StreamBuilder(f.Synth, 21);
        var s = b.WakeStream(1, fillerSeconds: 0.5);
        truth = s.Wakes[0];
        return s.Samples;
    }

    static async Task<List<DetectedUtterance>> Run(VoiceFrontEnd fe, float[] x)
    {
        var r = new List<DetectedUtterance>();
        await foreach (var u in fe.RunAsync(new ArraySource(x))) r.Add(u);
        return r;
    }

    [Fact]
    public async Task SilenceOnlyYieldsNothing()
    {
        using var fe = StreamFixture.FrontEnd();
        Assert.Empty(await Run(fe, new float[16000 * 30]));
        Assert.Equal(0, fe.Stats.WakeDetections);
    }

    [Fact]
    public async Task DcOffsetAndBrokenSamplesDoNotStopDetection()
    {
        var x = Pair(out var t);
        for (int i = 0; i < x.Length; i++) x[i] += 0.25f;
        for (int i = 0; i < 1000; i += 7) x[i] = float.NaN;
        using var fe = StreamFixture.FrontEnd();
        var u = Assert.Single(await Run(fe, x));
        Assert.InRange(u.WakeAtMs, t.PhraseStartMs, t.PhraseEndMs + 600);
    }

    [Fact]
    public async Task ClippedAudioStillWorksWithoutSpuriousWakes()
    {
        var x = Pair(out var t);
        for (int i = 0; i < x.Length; i++) x[i] = Math.Clamp(x[i] * 12, -1f, 1f);
        using var fe = StreamFixture.FrontEnd();
        var utts = await Run(fe, x);
        Assert.True(utts.Count <= 1, $"{utts.Count} commands from one clipped pair");
        Assert.All(utts, u => Assert.InRange(u.WakeAtMs, t.PhraseStartMs, t.PhraseEndMs + 600));
    }

    [Fact]
    public async Task WrongRateWavIsResampledBeforeDetection()
    {
        var x = Pair(out var t);
        var dir = Repo.TempDir("rate");
        var p16 = Path.Combine(dir, "16k.wav");
        var p8 = Path.Combine(dir, "44k1.wav");
        WavWriter.Write(p16, new AudioClip(x));
        var r = await Proc.RunAsync(Repo.RequireTool("sox"), [p16, "-r", "44100", "-c", "2", p8]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var fe = StreamFixture.FrontEnd();
        var utts = new List<DetectedUtterance>();
        await foreach (var u in fe.RunAsync(new WavFileSource(p8))) utts.Add(u);
        Assert.InRange(Assert.Single(utts).WakeAtMs, t.PhraseStartMs, t.PhraseEndMs + 600);
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task PushToTalkCapturesACommandWithoutAWakeWord()
    {
        var cmd = AudioLevel.Set(f.Synth.Say("turn on the kitchen light"), -22);
        var x = new float[16000 * 2].Concat(cmd).Concat(new float[16000 * 2]).ToArray();
        using var fe = StreamFixture.FrontEnd();
        var src = new ArraySource(x);
        var utts = new List<DetectedUtterance>();
        int frame = 0;
        await foreach (var u in fe.RunAsync(new CallbackSource(src, () => { if (++frame == 20) fe.PushToTalk(); }))) utts.Add(u);
        var only = Assert.Single(utts);
        Assert.Equal("button", only.Trigger);
        Assert.Equal(20 * 80, only.WakeAtMs);
        Assert.InRange(only.SpeechEndMs, 2000 + cmd.Length / 16 - 300, 2000 + cmd.Length / 16 + 300);
        Assert.Equal(0, fe.Stats.WakeDetections);
    }

    /// <summary>Wake word and command, then a second or so later an answer without a wake word.</summary>
    float[] CommandThenAnswer(out WakeTruth truth, out long answerEndMs)
    {
        var first = Pair(out truth);
        var answer = AudioLevel.Set(f.Synth.Say("yes please"), -22);
        var gap = new float[16000 * 3 / 2];
        answerEndMs = (first.Length + gap.Length + answer.Length) / 16;
        return first.Concat(gap).Concat(answer).Concat(new float[16000 * 6]).ToArray();
    }

    [Fact]
    public async Task AnAnswerIsHeardWithoutAWakeWordOnlyWhenAskedFor()
    {
        var x = CommandThenAnswer(out _, out long answerEnd);
        using (var fe = StreamFixture.FrontEnd())
            Assert.Single(await Run(fe, x)); // the "yes please" alone wakes nothing

        var bus = new EventBus();
        var states = new List<AssistantState>();
        using var sub = bus.Subscribe(e => { if (e is StateChanged s) lock (states) states.Add(s.State); });
        using var front = StreamFixture.FrontEnd(bus: bus);
        var utts = new List<DetectedUtterance>();
        await foreach (var u in front.RunAsync(new ArraySource(x, realtime: false), lockstep: true))
        {
            utts.Add(u);
            if (utts.Count > 1) continue;
            await Task.Delay(1000); // the pipeline's work; in lockstep the file does not run on meanwhile
            front.ListenForAnswer(u.SpeechEndMs + 800);
        }
        Assert.Equal(2, utts.Count);
        var answer = utts[1];
        Assert.Equal(VoiceFrontEnd.FollowUp, answer.Trigger);
        Assert.InRange(answer.WakeAtMs, utts[0].SpeechEndMs + 800, utts[0].SpeechEndMs + 800 + 80);
        Assert.InRange(answer.SpeechEndMs, answerEnd - 300, answerEnd + 300);
        Assert.Equal(1, front.Stats.WakeDetections);
        lock (states) Assert.Equal([AssistantState.Listening, AssistantState.Listening], states);
        Assert.False(front.Capturing);
    }

    [Fact]
    public async Task AnAnswerWindowWithNoSpeechIsDroppedAndTheLightsGoBackToIdle()
    {
        var x = Pair(out _).Concat(new float[16000 * 8]).ToArray();
        var bus = new EventBus();
        var states = new List<AssistantState>();
        using var sub = bus.Subscribe(e => { if (e is StateChanged s) lock (states) states.Add(s.State); });
        using var fe = StreamFixture.FrontEnd(bus: bus);
        int n = 0;
        await foreach (var u in fe.RunAsync(new ArraySource(x, realtime: false), lockstep: true))
            if (n++ == 0) fe.ListenForAnswer();
        Assert.Equal(1, n);
        Assert.Equal(1, fe.Stats.DroppedNoSpeech);
        lock (states) Assert.Equal([AssistantState.Listening, AssistantState.Listening, AssistantState.Idle], states);
    }

    [Fact]
    public async Task WakeWordsArePublishedWhileTheConsumerIsBusy()
    {
        // Barge-in: the host is still "speaking" the first reply when the second wake word comes.
        var s = new StreamBuilder(f.Synth, 31).WakeStream(2, fillerSeconds: 1);
        var bus = new EventBus();
        var seen = new List<WakeDetected>();
        using var sub = bus.Subscribe(e => { if (e is WakeDetected w) lock (seen) seen.Add(w); });
        using var fe = StreamFixture.FrontEnd(bus: bus);
        int wakesWhenFirstDone = -1, n = 0;
        await foreach (var u in fe.RunAsync(new ArraySource(s.Samples, realtime: false)))
        {
            if (n++ == 0)
            {
                await Task.Delay(3000); // busy with the first command; the stream runs on meanwhile
                lock (seen) wakesWhenFirstDone = seen.Count;
            }
        }
        Assert.Equal(2, n);
        Assert.Equal(2, wakesWhenFirstDone);
        Assert.All(seen, w => Assert.Equal("hey jarvis", w.Phrase));
    }

    [Fact]
    public async Task CommandAudioIsKeptOnlyWhenAskedAndNeverTheAudioBefore()
    {
        var x = Pair(out var t);
        var dir = Repo.TempDir("keep");
        using (var fe = StreamFixture.FrontEnd(new WakeWordOptions { CommandAudioDir = dir }))
            Assert.Single(await Run(fe, x));
        Assert.Empty(Directory.GetFiles(dir));

        using (var fe = StreamFixture.FrontEnd(new WakeWordOptions { CommandAudioDir = dir, KeepCommandAudio = true }))
        {
            var u = Assert.Single(await Run(fe, x));
            var saved = Assert.Single(Directory.GetFiles(dir));
            Assert.Equal(saved, u.SavedPath);
            var kept = AudioConvert.Load(saved).Samples.Length / 16;
            Assert.InRange(kept, t.CommandEndMs - u.WakeAtMs - 300, t.CommandEndMs - u.WakeAtMs + 500);
        }
        Directory.Delete(dir, true);
    }

    [Fact]
    public void ConfigurationBindsTheFrontEnd()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelsDir"] = Repo.Models,
            ["WakeWord:Model"] = "alexa_v0.1.onnx",
            ["WakeWord:Phrase"] = "alexa",
            ["WakeWord:Threshold"] = "0.6",
        }).Build();
        var sp = new ServiceCollection().Configure<EdgeVoiceOptions>(config).AddEdgeVoiceWakeWord(config)
            .AddSingleton<IWakeVerifier>(_ => StreamFixture.Verifier()).BuildServiceProvider();
        Assert.NotNull(sp.GetRequiredService<VoiceFrontEnd>());
        var missing = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["WakeWord:ModelsDir"] = "/nonexistent", ["WakeWord:Verifier"] = "none" }).Build();
        var e = Assert.Throws<FileNotFoundException>(() => new ServiceCollection().AddEdgeVoiceWakeWord(missing).BuildServiceProvider().GetRequiredService<VoiceFrontEnd>());
        Assert.Contains("/nonexistent", e.Message);
    }

    [Fact]
    public async Task LeavingTheLoopStopsReadingAnEndlessSource()
    {
        var x = Pair(out _);
        var src = new EndlessSource(x);
        using var fe = StreamFixture.FrontEnd();
        await foreach (var u in fe.RunAsync(src)) break;
        Assert.True(src.Closed, "the source is still being read after the consumer left");
    }

    sealed class EndlessSource(float[] x) : IAudioSource
    {
        public volatile bool Closed;
        public string Name => "endless";
        public async IAsyncEnumerable<float[]> ReadFramesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            try
            {
                while (true)
                    foreach (var f in WavFileSource.Frames(x)) { await Task.Yield(); ct.ThrowIfCancellationRequested(); yield return f; }
            }
            finally { Closed = true; }
        }
    }
}
