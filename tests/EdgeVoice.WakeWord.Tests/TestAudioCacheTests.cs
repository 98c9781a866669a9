using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Testing;
using EdgeVoice.WakeWord.Training;

namespace EdgeVoice.WakeWord.Tests;

/// <summary>A cached stream is found by a hash of what it is made from: any changed input means a new file.</summary>
public sealed class TestAudioCacheTests
{
    readonly string _clips = Repo.TempDir("cache-clips"), _speech = Repo.TempDir("cache-speech");

    public TestAudioCacheTests() => File.Copy(Repo.Speech("kennedy.wav"), Path.Combine(_speech, "kennedy.wav"));

    string Key(int seed = 12, bool hard = false, string what = "nonwake 7200 s") =>
        new StreamBuilder(new Synth(_clips), seed, _speech) { HardNearMissesIncluded = hard }.Key(what);

    [Fact]
    public void The_same_inputs_give_the_same_key_and_each_changed_input_a_new_one()
    {
        var key = Key();
        Assert.Equal(key, Key());
        Assert.NotEqual(key, Key(seed: 13));
        Assert.NotEqual(key, Key(hard: true));
        Assert.NotEqual(key, Key(what: "nonwake 3600 s"));
    }

    [Fact]
    public void A_changed_noise_clip_changes_the_key()
    {
        var key = Key();
        // Synth's cached pink noise bed, replaced by other noise (as a new sox version would write).
        var pink = Path.Combine(_clips, "sox-pinknoise-30-rd.wav");
        Assert.True(File.Exists(pink), "Synth did not cache the pink noise bed under the expected name");
        WavWriter.Write(pink, new AudioClip(new Synth(Repo.TempDir("cache-other")).Sox("whitenoise", 30)));
        Assert.NotEqual(key, Key());
    }

    [Fact]
    public void A_changed_speech_file_changes_the_key()
    {
        var key = Key();
        var kennedy = Path.Combine(_speech, "kennedy.wav");
        var clip = AudioConvert.Load(kennedy);
        WavWriter.Write(kennedy, new AudioClip(clip.Samples[..(clip.Samples.Length / 2)]));
        Assert.NotEqual(key, Key());
    }

    [Fact]
    public void An_atomic_write_leaves_no_file_when_the_writer_fails()
    {
        var path = Path.Combine(Repo.TempDir("cache-atomic"), "x.wav");
        Assert.Throws<IOException>(() => TestAudioCache.WriteAtomic(path, p => { File.WriteAllText(p, "half"); throw new IOException("disk full"); }));
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public async Task An_atomic_write_that_waits_leaves_no_file_when_the_writer_fails_and_the_whole_file_when_it_does_not()
    {
        var path = Path.Combine(Repo.TempDir("cache-atomic-async"), "x.wav");
        await Assert.ThrowsAsync<IOException>(() => TestAudioCache.WriteAtomicAsync(path, async p =>
        {
            await File.WriteAllTextAsync(p, "half");
            throw new IOException("disk full");
        }));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!));
        await TestAudioCache.WriteAtomicAsync(path, p => File.WriteAllTextAsync(p, "whole"));
        Assert.Equal("whole", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }
}
