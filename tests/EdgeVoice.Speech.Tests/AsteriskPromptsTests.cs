using EdgeVoice.Bench;
using Xunit.Abstractions;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// Real human speech that is no command (<see cref="AsteriskPrompts"/>: studio prompts by people nothing here was tuned on)
/// heard as a profile sets the product up. Nothing may be carried out; the prompts should be rejected, not asked back.
/// Allison in English with both profiles; June's French with home, where "A.M." was executed as "start fan" before
/// session 33; Carlo's Italian, a man's voice.
/// </summary>
public sealed class AsteriskPromptsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("en", "speech-dev", 568)]
    [InlineData("en", "home", 568)]
    [InlineData("fr", "home", 514)]
    [InlineData("it", "speech-dev", 595)]
    public async Task Real_speech_that_is_no_command_is_rejected_and_carries_nothing_out(string lang, string profile, int prompts)
    {
        var w = new StringWriter();
        var row = await FamilySets.PromptsAsync(w, lang, profile);
        output.WriteLine(w.ToString());
        output.WriteLine(SourceRow.Header);
        output.WriteLine(row.Line);
        Assert.True(row.Clips == prompts, $"{row.Clips} prompts read: asterisk-core-sounds-{lang} 1.6.1 has {prompts} with a transcript");
        Assert.True(row.WrongActions == 0, w.ToString());
        // Asked back is safe but a nuisance: at most one prompt in a hundred.
        Assert.True(row.NoIntentRejected >= row.NoIntent * 0.98, $"{row.NoIntentRejected} of {row.NoIntent} rejected\n{w}");
    }
}
