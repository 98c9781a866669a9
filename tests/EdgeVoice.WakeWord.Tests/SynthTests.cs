using EdgeVoice.Testing;
using EdgeVoice.WakeWord.Training;

namespace EdgeVoice.WakeWord.Tests;

/// <summary>sox clips come out the same on every set-up, so the wake streams built from them do too.</summary>
public sealed class SynthTests
{
    [Theory]
    [InlineData("sine 440")]
    [InlineData("pinknoise")]
    public void A_sox_clip_made_twice_is_the_same_to_the_sample(string kind)
    {
        Repo.RequireTool("sox");
        // Separate caches: each Synth runs sox itself.
        var first = new Synth(Repo.TempDir("synth-a")).Sox(kind, 1);
        var second = new Synth(Repo.TempDir("synth-b")).Sox(kind, 1);
        Assert.Equal(16000, first.Length);
        Assert.Equal(first, second);
    }
}
