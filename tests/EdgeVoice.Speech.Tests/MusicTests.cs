using EdgeVoice.Bench;
using Xunit.Abstractions;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// A radio playing in the kitchen (<see cref="Music"/>: real music, never tuned on): Piper's commands with music 10 dB under
/// the words may be asked back or lost, never carried out wrongly; music alone is no command.
/// </summary>
public sealed class MusicTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Commands_over_music_carry_out_nothing_wrong_and_music_alone_is_rejected()
    {
        var w = new StringWriter();
        var rows = await FamilySets.MusicAsync(w, snrDb: 10, "speech-dev");
        output.WriteLine(w.ToString());
        output.WriteLine(SourceRow.Header);
        foreach (var r in rows) output.WriteLine(r.Line);
        var (spoken, alone) = (rows[0], rows[1]);
        Assert.True(spoken.Clips == 75, $"{spoken.Clips} clips: ../shared/speech-dev has 73 recordings, with kennedy and bush");
        Assert.True(spoken.WrongActions == 0, w.ToString());
        Assert.True(alone.Clips == 20 && alone.NoIntentRejected == 20, $"{alone.NoIntentRejected} of {alone.Clips} stretches of music rejected\n{w}");
    }
}
