using EdgeVoice.Testing;
using EdgeVoice.WakeWord.Training;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EdgeVoice.WakeWord.Tests;

public class WakeHeadTests
{
    /// <summary>Points in 12-d labelled by the sign of x0·x1 (XOR-like: no straight line separates them).</summary>
    static List<Example> Toy(int n, int seed, int dim = 12)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var x = Enumerable.Range(0, dim).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
            return new Example(x, x[0] * x[1] > 0 ? 1 : 0);
        }).ToList();
    }

    [Fact]
    public void TrainerLearnsANonLinearToyProblem()
    {
        var head = HeadTrainer.Train(Toy(3000, 1), "toy", new TrainOptions { Hidden = 16, Epochs = 30, Batch = 32, LearningRate = 3e-3, WeightDecay = 1e-4 });
        var test = Toy(500, 2);
        double accuracy = test.Count(e => head.Score(e.X) >= 0.5f == e.Label > 0.5f) / (double)test.Count;
        Assert.True(accuracy >= 0.9, $"accuracy {accuracy:P1} on held-out toy points");
    }

    [Fact]
    public void TrainingIsDeterministicForASeed()
    {
        var o = new TrainOptions { Hidden = 4, Epochs = 2 };
        var a = HeadTrainer.Train(Toy(400, 3), "toy", o);
        var b = HeadTrainer.Train(Toy(400, 3), "toy", o);
        Assert.Equal(a.W1, b.W1);
        Assert.Equal(a.B2, b.B2);
    }

    static WakeHead SmallHead()
    {
        var r = new Random(5);
        var data = Enumerable.Range(0, 64).Select(i => new Example(
            Enumerable.Range(0, OpenWakeWord.WindowSize).Select(_ => (float)r.NextDouble()).ToArray(), i % 4 == 0 ? 1 : 0)).ToList();
        var head = HeadTrainer.Train(data, "hey jarvis", new TrainOptions { Hidden = 3, Epochs = 1 });
        head.Info["note"] = "test";
        return head;
    }

    [Fact]
    public void HeadFileRoundTrips()
    {
        var head = SmallHead();
        var path = Path.Combine(Path.GetTempPath(), $"edgevoice-head-{Guid.NewGuid():N}.head");
        try
        {
            head.Save(path);
            var back = WakeHead.Load(path);
            Assert.Equal(head.Phrase, back.Phrase);
            Assert.Equal(head.W1, back.W1);
            Assert.Equal("test", back.Info["note"]);
            var x = Enumerable.Range(0, OpenWakeWord.WindowSize).Select(i => (float)Math.Sin(i)).ToArray();
            Assert.Equal(head.Score(x), back.Score(x));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"format\":\"something-else\",\"head\":null}")]
    [InlineData("{\"format\":\"edgevoice-wake-head/1\",\"head\":{\"phrase\":\"x\",\"inputs\":1536,\"hidden\":2,\"mean\":[],\"scale\":[],\"w1\":[],\"b1\":[],\"w2\":[],\"b2\":0}}")]
    public void CorruptHeadFileGivesAClearError(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgevoice-head-{Guid.NewGuid():N}.head");
        File.WriteAllText(path, content);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => WakeHead.Load(path));
            Assert.Contains("edgevoice wake-train", e.Message);
            Assert.Contains(path, e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void TruncatedHeadFileGivesAClearError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgevoice-head-{Guid.NewGuid():N}.head");
        SmallHead().Save(path);
        File.WriteAllText(path, File.ReadAllText(path)[..5000]);
        try { Assert.Contains("wake-train", Assert.Throws<InvalidDataException>(() => WakeHead.Load(path)).Message); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MissingHeadNamedInConfigFailsNamingWakeTrain()
    {
        Repo.RequiredModel("openwakeword/embedding_model.onnx");
        var e = Assert.Throws<FileNotFoundException>(() => new VoiceFrontEnd(
            new WakeWordOptions { Head = "wake/no_such_phrase.head", Verifier = "none" }, Repo.Models));
        Assert.Contains("edgevoice wake-train", e.Message);
    }

    [Fact]
    public void MissingDefaultHeadFallsBackToThePreTrainedModel()
    {
        Repo.RequiredModel("openwakeword/hey_jarvis_v0.1.onnx");
        var log = new ListLogger();
        using var fe = new VoiceFrontEnd(new WakeWordOptions { Phrase = "hey nobody trained this", Verifier = "none" }, Repo.Models,
            log: log.Factory().CreateLogger<VoiceFrontEnd>());
        Assert.StartsWith("pretrained", fe.Scoring);
        Assert.Equal(1, log.Count(LogLevel.Warning, "edgevoice wake-train"));
    }

    [Fact]
    public void NearMissesAreDerivedFromAnyPhraseAndHeldOutFromTheBench()
    {
        var jarvis = TrainingText.NearMisses("hey jarvis", 1);
        Assert.Contains("hey jarv", jarvis);
        Assert.Contains("jarvis", jarvis);
        Assert.DoesNotContain("hey jar", jarvis); // the bench's own near miss
        Assert.DoesNotContain("hey", jarvis);
        Assert.DoesNotContain("hey jarvis", jarvis);
        var other = TrainingText.NearMisses("ok computer", 1);
        Assert.Contains("ok comp", other);
        Assert.Contains("ok", other);
        TrainingText.CheckHeldOut(TrainingText.Sentences.Concat(TrainingText.Commands).Concat(TrainingText.Words));
        Assert.Empty(TrainingText.Voices.Concat(TrainingText.ValidationVoices).Intersect(Synth.Voices));
        Assert.Throws<InvalidOperationException>(() => TrainingText.CheckHeldOut(["the harvest was good this year"]));
    }
}

/// <summary>The head setup.sh trained for the default phrase, on the generated test stream.</summary>
[Collection("streams")]
public class TrainedHeadStreamTests(StreamFixture f, ITestOutputHelper log)
{
    static string HeadPath()
    {
        var path = WakeHead.DefaultPath(Repo.Models, "hey jarvis");
        Assert.True(File.Exists(path), $"{path} is missing: run scripts/setup.sh (it runs `edgevoice wake-train` for the default phrase)");
        return path;
    }

    [Fact]
    public async Task TrainedHeadAloneFindsTheWakesInTheNoisyStream()
    {
        var o = new WakeWordOptions { Model = HeadPath(), Verifier = "none", Threshold = new WakeWordOptions().HeadThreshold };
        using var fe = StreamFixture.FrontEnd(o);
        Assert.Equal("head", fe.Scoring);
        var wakes = new List<long>();
        fe.Wake += w => wakes.Add(w.StreamMs);
        await foreach (var _ in fe.RunAsync(new ArraySource(f.Wake.Samples))) { }
        int found = f.Wake.Wakes.Count(t => wakes.Any(ms => ms >= t.PhraseEndMs - 300 && ms <= t.PhraseEndMs + 1000));
        log.WriteLine($"{found}/{f.Wake.Wakes.Count} wakes found, {wakes.Count} detections");
        Assert.True(found >= f.Wake.Wakes.Count - 1, $"{found}/{f.Wake.Wakes.Count} wakes found");
        Assert.True(wakes.Count - found <= 1, $"{wakes.Count - found} detections away from a wake phrase");
    }
}
