using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace EdgeVoice.Speech.Tests;

public sealed class WhisperTests(ITestOutputHelper output)
{
    const string Model = "ggml-base.en-q5_1.bin";
    const string Kennedy = "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.";

    static WhisperRecognizer Whisper(string model, string modelsDir, SpeechOptions? o = null)
    {
        o ??= new SpeechOptions();
        o.WhisperModel = model;
        return new(Options.Create(o), Options.Create(new EdgeVoiceOptions { ModelsDir = modelsDir }), NullLogger<WhisperRecognizer>.Instance);
    }

    // Runs on the trained model when models/ has it, else on its random-weight stand-in of the same shapes
    // (scripts/test-models.sh): the real code path loads, transcribes and stops at the token cap. No
    // temperature fallback: random weights always fail its log-probability test and it would decode 5 times.
    [Theory]
    [InlineData(TestModels.WhisperTiny, "auto")]
    [InlineData(TestModels.WhisperTiny, "full")]
    [InlineData(TestModels.WhisperBase, "auto")]
    public async Task Transcribes_a_clip_and_stops_at_the_token_cap(string trained, string audioContext)
    {
        var path = TestModels.Resolve(trained);
        const int cap = 16;
        using var w = Whisper(path, Repo.Models, new SpeechOptions { AllowRandomWeights = true, WhisperMaxTokens = cap, WhisperTemperatureFallback = false, WhisperAudioContext = audioContext });
        Assert.True(w.Available);
        var run = await w.RunAsync(AudioConvert.Load(Repo.Speech("kennedy.wav")));
        output.WriteLine($"{Path.GetFileName(path)}: '{run.Transcript.Text}' ({run.Tokens} tokens, {run.Segments} segments)");
        Assert.Equal("whisper", run.Transcript.Recognizer);
        // One 30 s window; random weights place timestamps anywhere, so the segment count varies between
        // runs. whisper.cpp decodes at most n_text_ctx / 2 = 224 tokens a window, two timestamps per segment.
        Assert.InRange(run.Segments, 1, 112);
        // the cap counts text tokens; each segment also carries its start and end tokens
        Assert.InRange(run.Tokens, 1, run.Segments * (cap + 4));
    }

    // The same guard as LocalLlm's (LlmCancellationTests): freeing the native model under a running
    // whisper_full is a use-after-free, so Dispose must stop the call and wait for it.
    [Fact]
    public async Task Disposing_while_a_clip_is_transcribed_waits_for_it_and_later_calls_get_a_clear_error()
    {
        var w = Whisper(TestModels.Resolve(TestModels.WhisperTiny), Repo.Models,
            new SpeechOptions { AllowRandomWeights = true, WhisperMaxTokens = 16, WhisperTemperatureFallback = false, WhisperAudioContext = "full" });
        var clip = AudioConvert.Load(Repo.Speech("kennedy.wav"));
        await w.RunAsync(new AudioClip(clip.Samples[..16000])); // loads the model: the run below is in whisper.cpp within milliseconds
        var run = w.RunAsync(clip);
        await Task.Delay(150);
        Assert.True(w.Transcribing, "the transcription ended before Dispose: the test did not test disposing during one");
        await Task.Run(w.Dispose);
        // Not run.IsCompleted: the Task completes just after the call leaves the gate, and under load Dispose can
        // free the model and return in between. The work inside the gate is what must be over.
        Assert.False(w.Transcribing, "Dispose returned while the transcription was still running in whisper.cpp");
        // Stopped at whisper.cpp's next abort check: the text so far or a cancellation, never a crash.
        try { output.WriteLine($"run: {(await run).Tokens} tokens"); }
        catch (OperationCanceledException) { output.WriteLine("run cancelled"); }
        await Assert.ThrowsAsync<ObjectDisposedException>(() => w.RunAsync(clip));
    }

    [Theory]
    [InlineData(0.3, 128)]   // the floor
    [InlineData(2.0, 192)]   // 100 positions + 64 margin = 164, up to 192
    [InlineData(5.0, 320)]   // 250 + 64 = 314, up to 320
    [InlineData(29.0, 1500)] // capped at the 30 s window
    [InlineData(45.0, 1500)]
    public void The_audio_context_fits_the_clip_with_a_margin(double seconds, int expected) =>
        Assert.Equal(expected, WhisperRecognizer.AudioContextFor(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public async Task An_unknown_audio_context_setting_is_a_clear_error()
    {
        using var w = Whisper(TestModels.Resolve(TestModels.WhisperTiny), Repo.Models, new SpeechOptions { AllowRandomWeights = true, WhisperAudioContext = "half" });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => w.TranscribeAsync(new AudioClip(new float[16000])));
        Assert.Contains("Speech:WhisperAudioContext 'half'", e.Message);
    }

    [Fact]
    public async Task A_random_weight_model_is_refused_unless_asked_for()
    {
        var path = TestModels.Random(TestModels.RandomName(TestModels.WhisperTiny));
        using var w = Whisper(path, Repo.Models);
        Assert.False(w.Available);
        var e = await Assert.ThrowsAsync<ModelUnavailableException>(() => w.TranscribeAsync(new AudioClip(new float[16000])));
        Assert.Contains("random weights", e.Message);
    }

    [SkippableFact]
    public async Task Transcribes_kennedy_within_15_percent_word_error_rate()
    {
        Repo.PendingModel(Model);
        using var w = Whisper(Model, Repo.Models);
        var t = await w.TranscribeAsync(AudioConvert.Load(Repo.Speech("kennedy.wav")));
        double wer = WordErrorRate.Compute(Kennedy, t.Text);
        output.WriteLine($"'{t.Text}' WER {wer:P1}");
        Assert.Equal("whisper", t.Recognizer);
        Assert.True(wer <= 0.15, $"WER {wer:P1}: '{t.Text}'");
    }

    [Fact]
    public async Task A_missing_model_names_the_file_and_the_setup_script()
    {
        using var w = Whisper("no-such-model.bin", Repo.TempDir("whisper"));
        Assert.False(w.Available);
        var e = await Assert.ThrowsAsync<ModelUnavailableException>(() => w.TranscribeAsync(new AudioClip(new float[16000])));
        Assert.Contains("no-such-model.bin", e.Message);
        Assert.Contains("scripts/setup.sh", e.Message);
    }

    [Fact]
    public async Task A_broken_model_file_is_a_clear_error_not_a_crash()
    {
        var dir = Repo.TempDir("whisper");
        await File.WriteAllBytesAsync(Path.Combine(dir, "broken.bin"), new byte[4096]);
        using var w = Whisper("broken.bin", dir);
        var e = await Assert.ThrowsAsync<ModelUnavailableException>(() => w.TranscribeAsync(new AudioClip(new float[16000])));
        Assert.Contains("broken.bin", e.Message);
        Assert.Contains("scripts/setup.sh", e.Message);
    }
}
