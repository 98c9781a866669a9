using EdgeVoice.Core;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Speech.Tests;

public sealed class TtsTests
{
    static EspeakTts Tts(string voice = "en-us", int wpm = 165) =>
        new(Options.Create(new SpeechOptions { TtsVoice = voice, TtsWordsPerMinute = wpm }));

    [Theory]
    [InlineData("en-us", 165)]
    [InlineData("en+f2", 140)]
    public async Task Speaks_non_silent_16khz_audio_of_plausible_length(string voice, int wpm)
    {
        var clip = await Tts(voice, wpm).SynthesizeAsync("The kitchen light is on.");
        Assert.Equal(AudioClip.PipelineRate, clip.SampleRate);
        // Five words at 140..165 words per minute: about two seconds with espeak-ng's pauses.
        Assert.InRange(clip.Duration.TotalSeconds, 1.0, 4.0);
        double rms = Math.Sqrt(clip.Samples.Average(s => (double)s * s));
        Assert.True(rms > 0.01, $"rms {rms}");
    }

    [Fact]
    public async Task Slower_rate_gives_longer_audio()
    {
        const string text = "Set a timer for five minutes, please.";
        var fast = await Tts(wpm: 190).SynthesizeAsync(text);
        var slow = await Tts(wpm: 120).SynthesizeAsync(text);
        Assert.True(slow.Duration > fast.Duration * 1.3, $"{slow.Duration} vs {fast.Duration}");
    }

    [Fact]
    public async Task Text_is_an_argument_not_a_shell_command()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"edgevoice-tts-{Guid.NewGuid():N}");
        var clip = await Tts().SynthesizeAsync($"hello; touch {marker} $(touch {marker})");
        Assert.True(clip.Samples.Length > 0);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Missing_espeak_is_a_clear_error_naming_the_setup_script()
    {
        var tts = new EspeakTts(Options.Create(new SpeechOptions { EspeakPath = "/nonexistent/espeak-ng" }));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => tts.SynthesizeAsync("hello"));
        Assert.Contains("scripts/setup.sh", e.Message);
    }
}
