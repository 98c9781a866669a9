using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Speech;
using EdgeVoice.WakeWord.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace EdgeVoice.WakeWord.Tests;

/// <summary>The pocketsphinx keyphrase verifier on its own, and the front end's two-stage decision.</summary>
[Collection("streams")]
public class WakeVerifierTests(StreamFixture f, ITestOutputHelper log)
{
    // What the default rule asks of the verifier when openWakeWord scores a middling 0.5.
    static readonly double Threshold = WakeGate.Needed(new WakeWordOptions(), 0.5);

    /// <summary>Speech placed at the end of 1.6 s of audio in a pink noise bed at 20 dB SNR, as the verifier sees a candidate.</summary>
    float[] Window(string text, string voice, int wpm)
    {
        var speech = AudioLevel.Set(f.Synth.Say(text, voice, wpm), -22);
        var x = new float[Math.Max(16000 * 16 / 10, speech.Length + 3200)];
        speech.CopyTo(x, x.Length - speech.Length - 1600);
        var bed = f.Synth.Sox("pinknoise", 30);
        double gain = Math.Pow(10, (-22 - 20) / 20.0) / AudioLevel.Rms(bed);
        for (int i = 0; i < x.Length; i++) x[i] += (float)(bed[i] * gain);
        return x;
    }

    static IWakeVerifier Loaded()
    {
        var v = StreamFixture.Verifier();
        v.Load("hey jarvis");
        return v;
    }

    double Score(IWakeVerifier v, string text, string voice, int wpm)
    {
        double s = v.Start(Window(text, voice, wpm));
        v.Stop();
        log.WriteLine($"'{text}' {voice} {wpm} wpm: {s:F0} (threshold {Threshold:F0})");
        return s;
    }

    // Truncated phrases are not here: "hey jar" / "hey Jarrod" can reach this threshold (the noise after
    // "jar" passes for "-vis"); they only score below the real phrase (above) and the README's table has the rate.
    [Theory]
    [InlineData("the weather has been strange all week")]
    [InlineData("she put the jam in a glass jar")]
    [InlineData("Travis and Jarrod went to the market")]
    public void The_verifier_rejects_near_misses_and_chatter(string text)
    {
        using var v = Loaded();
        foreach (var (voice, wpm) in new[] { ("en-us", 160), ("en+m3", 180), ("en-gb-scotland", 140) })
            Assert.True(Score(v, text, voice, wpm) < Threshold, $"'{text}' ({voice}) passed the verifier");
    }

    [Theory]
    [InlineData("en-us", 160)]
    [InlineData("en", 150)]
    [InlineData("en+m3", 180)]
    [InlineData("en-gb-scotland", 140)]
    [InlineData("en+f2", 170)]
    public void The_verifier_accepts_hey_jarvis_and_scores_it_above_its_truncations(string voice, int wpm)
    {
        using var v = Loaded();
        double jarvis = Score(v, "hey jarvis", voice, wpm);
        Assert.True(jarvis >= Threshold, $"'hey jarvis' ({voice}) failed the verifier");
        foreach (var near in BenchTexts.HardNearMisses)
            Assert.True(Score(v, near, voice, wpm) < jarvis, $"'{near}' scored at least as high as 'hey jarvis' ({voice})");
    }

    [Fact]
    public void Truncated_wake_phrases_pass_no_more_often_than_with_openWakeWord_alone()
    {
        // "hey jar" / "hey Jarrod" pairs: openWakeWord alone proposes many of them.
        var streams = new[] { new StreamBuilder(f.Synth, 41).WakeStream(9, 2, "hey jar"), new StreamBuilder(f.Synth, 42).WakeStream(9, 2, "hey Jarrod") };
        int Wakes(WakeWordOptions o)
        {
            int n = 0;
            foreach (var s in streams)
            {
                using var fe = StreamFixture.FrontEnd(o);
                fe.Wake += _ => n++;
                foreach (var _ in fe.RunAsync(new ArraySource(s.Samples)).ToBlockingEnumerable()) { }
            }
            return n;
        }
        // Head "none": the pre-trained model and the verifier, whether or not setup.sh trained a head.
        int candidates = Wakes(new WakeWordOptions { Head = "none", Verifier = "none", Threshold = new WakeWordOptions().CandidateThreshold });
        int oldDefault = Wakes(new WakeWordOptions { Head = "none", Verifier = "none", Threshold = 0.5 });
        int twoStage = Wakes(new WakeWordOptions { Head = "none" });
        bool trained = File.Exists(WakeHead.DefaultPath(Testing.Repo.Models, "hey jarvis"));
        int withHead = trained ? Wakes(new WakeWordOptions()) : -1;
        log.WriteLine($"18 truncated phrases in nine voices: {candidates} candidates, {oldDefault} wakes from openWakeWord alone at 0.5, {twoStage} with the verifier, {withHead} with the trained head (default)");
        if (trained) Assert.True(withHead <= oldDefault, $"{withHead} truncated phrases woke the default (trained head) detector, {oldDefault} openWakeWord alone at 0.5");
        Assert.True(candidates >= 9, "the stream no longer challenges openWakeWord");
        // The verifier does not reject these reliably (README): it must keep the much lower candidate
        // threshold from letting more of them through than openWakeWord alone at 0.5 did.
        Assert.True(twoStage < candidates, $"the verifier rejected none of {candidates} truncated-phrase candidates");
        Assert.True(twoStage <= oldDefault, $"{twoStage} truncated phrases passed both stages, {oldDefault} passed openWakeWord alone at 0.5");
    }

    [Fact]
    public void A_missing_pocketsphinx_model_is_a_clear_error()
    {
        using var v = StreamFixture.Verifier(new SpeechOptions { AcousticModel = "/nonexistent/en-us" });
        var e = Assert.Throws<ModelUnavailableException>(() => v.Load("hey jarvis"));
        Assert.Contains("/nonexistent/en-us", e.Message);
        Assert.Contains("pocketsphinx-en-us", e.Message);
        Assert.Contains("WakeWord:Verifier", e.Message);
        // The front end loads the verifier when it is built, so the service fails at start-up.
        Assert.Throws<ModelUnavailableException>(() => new VoiceFrontEnd(new WakeWordOptions { Head = "none" }, Testing.Repo.Models,
            verifier: StreamFixture.Verifier(new SpeechOptions { AcousticModel = "/nonexistent/en-us" })));
    }

    [Fact]
    public void A_configured_verifier_that_is_not_registered_is_a_clear_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new VoiceFrontEnd(new WakeWordOptions(), Testing.Repo.Models));
        Assert.Contains("WakeWord:Verifier", e.Message);
        using var none = new VoiceFrontEnd(new WakeWordOptions { Verifier = "none" }, Testing.Repo.Models);
    }

    [Fact]
    public void Options_are_validated_at_start_up()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WakeWord:CandidateThreshold"] = "0",
            ["WakeWord:VerifierSlope"] = "-1",
            ["WakeWord:VerifierWindowMs"] = "100",
            ["WakeWord:FollowUps"] = "-1",
        }).Build();
        var sp = new ServiceCollection().AddEdgeVoiceWakeWord(config).BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<WakeWordOptions>>().Value);
        Assert.Contains("CandidateThreshold", e.Message);
        Assert.Contains("VerifierSlope", e.Message);
        Assert.Contains("VerifierWindowMs", e.Message);
        Assert.Contains("FollowUps", e.Message);
        Assert.Empty(new WakeWordOptions().Problems());
    }
}
