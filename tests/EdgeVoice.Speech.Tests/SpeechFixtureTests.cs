using EdgeVoice.Core;
using EdgeVoice.Testing;

namespace EdgeVoice.Speech.Tests;

/// <summary>The spoken test audio itself: test classes run in parallel and share one folder of clips.</summary>
public sealed class SpeechFixtureTests
{
    [Fact]
    public async Task Sentences_alike_in_their_first_forty_characters_are_said_into_files_of_their_own()
    {
        var dir = Repo.TempDir("say");
        const string a = "create a timer for ten minutes and twenty seconds", b = "create a timer for ten minutes and twenty five seconds";
        var pa = await Espeak.SayAsync(a, dir);
        var pb = await Espeak.SayAsync(b, dir);
        Assert.NotEqual(pa, pb);
        Assert.True(new FileInfo(pa).Length < new FileInfo(pb).Length, $"'{a}' is not shorter than '{b}'");
    }

    [Fact]
    public async Task Sox_noise_mixed_by_tests_at_once_is_whole_for_each()
    {
        var dir = Repo.TempDir("noise");
        var tone = Enumerable.Range(0, 16000).Select(i => 0.1f * MathF.Sin(i * 0.2f)).ToArray();
        var clip = new AudioClip(tone);
        var mixed = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SpeechFixtures.AddSoxNoiseAsync(clip, "pink", 10, dir))));
        // Every copy has the same repeatable noise, none of it cut short or missing.
        foreach (var m in mixed) Assert.Equal(mixed[0].Samples, m.Samples);
        var noise = mixed[0].Samples.Select((s, i) => s - tone[i]).ToArray();
        Assert.All(noise.Chunk(1600), c => Assert.Contains(c, s => Math.Abs(s) > 1e-4));
    }
}
