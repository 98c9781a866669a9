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

    static WhisperRecognizer Whisper(string model, string modelsDir) =>
        new(Options.Create(new SpeechOptions { WhisperModel = model }), Options.Create(new EdgeVoiceOptions { ModelsDir = modelsDir }),
            NullLogger<WhisperRecognizer>.Instance);

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
