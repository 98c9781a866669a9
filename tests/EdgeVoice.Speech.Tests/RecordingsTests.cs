using EdgeVoice.Bench;
using EdgeVoice.Testing;
using Xunit.Abstractions;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// `EdgeVoice.Bench speech families recordings=DIR`: anyone's recordings (file name = what is said, as in
/// speech-to-phrase's tests and ../shared/speech-dev) scored with the product as the profile configures it.
/// </summary>
public sealed class RecordingsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_folder_of_recordings_is_scored_as_the_profile_configures_the_product_and_a_broken_file_is_left_out()
    {
        var dir = Directory.CreateTempSubdirectory("edgevoice-recordings-");
        try
        {
            // A recording as a phone or a laptop makes it: 44.1 kHz stereo.
            var sox = Repo.RequireTool("sox");
            var r = await Proc.RunAsync(sox, [Repo.Piper("close the Sliding Door"), "-r", "44100", "-c", "2", Path.Combine(dir.FullName, "close the Sliding Door.wav")]);
            Assert.True(r.ExitCode == 0, r.StdErr);
            File.Copy(Repo.Piper("turn on the Kitchen lights"), Path.Combine(dir.FullName, "turn on the Kitchen lights.wav"));
            File.Copy(Repo.Piper("what is the temperature"), Path.Combine(dir.FullName, "what is the temperature.wav"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "turn off the TV.wav"), "not a recording");
            var w = new StringWriter();
            var row = await FamilySets.RecordingsAsync(w, dir.FullName, "speech-dev");
            output.WriteLine(w.ToString());
            Assert.Contains("'turn off the TV.wav'", w.ToString());
            Assert.Equal("ondevice", row.Source); // speech-dev's own Speech:GrammarSource
            Assert.Equal(3, row.Clips);
            Assert.Equal(3, row.Covered);
            Assert.Equal(0, row.WrongActions);
            Assert.True(row.ActsRight == 3, w.ToString());
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public async Task A_missing_or_empty_folder_says_what_it_wants()
    {
        var dir = Directory.CreateTempSubdirectory("edgevoice-recordings-");
        try
        {
            var empty = await Assert.ThrowsAsync<InvalidOperationException>(() => FamilySets.RecordingsAsync(TextWriter.Null, dir.FullName, "speech-dev"));
            Assert.Contains(dir.FullName, empty.Message);
            Assert.Contains("file name", empty.Message);
            var missing = Path.Combine(dir.FullName, "nowhere");
            var e = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => FamilySets.RecordingsAsync(TextWriter.Null, missing, "speech-dev"));
            Assert.Contains(missing, e.Message);
        }
        finally { dir.Delete(recursive: true); }
    }
}
