using EdgeVoice.Bench;
using Xunit.Abstractions;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// Real human speech that is no command (<see cref="AsteriskPrompts"/>, Allison Smith: 568 studio prompts, a voice nothing here was tuned on)
/// heard as two profiles set the product up. Nothing may be carried out; the prompts should be rejected, not asked back.
/// </summary>
public sealed class AllisonTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("speech-dev")]
    [InlineData("home")]
    public async Task Real_speech_that_is_no_command_is_rejected_and_carries_nothing_out(string profile)
    {
        var w = new StringWriter();
        var row = await FamilySets.PromptsAsync(w, "en", profile);
        output.WriteLine(w.ToString());
        output.WriteLine(SourceRow.Header);
        output.WriteLine(row.Line);
        Assert.True(row.Clips == 568, $"{row.Clips} prompts read: asterisk-core-sounds-en 1.6.1 has 568 with a transcript");
        Assert.True(row.WrongActions == 0, w.ToString());
        // Asked back is safe but a nuisance: at most one prompt in a hundred.
        Assert.True(row.NoIntentRejected >= row.NoIntent * 0.98, $"{row.NoIntentRejected} of {row.NoIntent} rejected\n{w}");
    }
}
