using EdgeVoice.Audio;
using EdgeVoice.Bench;
using EdgeVoice.Testing;

namespace EdgeVoice.Speech.Tests;

/// <summary>The bench's engine voices are made once per sentence and read back from the test-audio cache after that.</summary>
public sealed class SpokenCacheTests
{
    [Fact]
    public async Task A_sentence_is_said_once_and_then_read_from_the_cache()
    {
        // A sentence no other test says, so that the marker written below reaches no one else.
        const string sentence = "the cache test says these nine words only once";
        var path = await VoiceFamilies.SpokenAsync("flite", "slt", sentence);
        string? other = null;
        try
        {
            Assert.StartsWith(TestAudioCache.Dir, path);
            Assert.True(AudioConvert.Load(path).Samples.Length > 16000, "flite said less than a second");
            // Were the engine run again, the marker would be overwritten.
            await File.WriteAllTextAsync(path, "marker");
            Assert.Equal(path, await VoiceFamilies.SpokenAsync("flite", "slt", sentence));
            Assert.Equal("marker", await File.ReadAllTextAsync(path));
            other = await VoiceFamilies.SpokenAsync("flite", "awb", sentence);
            Assert.NotEqual(path, other);
        }
        finally
        {
            File.Delete(path);
            if (other is not null) File.Delete(other);
        }
    }
}
