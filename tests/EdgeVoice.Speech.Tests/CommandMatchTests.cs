using EdgeVoice.Speech;

namespace EdgeVoice.Speech.Tests;

public class CommandMatchTests
{
    [Theory]
    [InlineData("turn on lights in the living room", "turn on all lights in the living room", true)]
    [InlineData("turn on the kitchen light", "turn on kitchen light", true)]
    [InlineData("set a timer for one minute", "set a timer for one minutes", true)]
    [InlineData("turn on the kitchen light", "turn off the kitchen light", false)]
    [InlineData("start the living room fan", "stop the living room fan", false)]
    [InlineData("set the thermostat to thirty degrees", "set the thermostat to fifty degrees", false)]
    public void Same_command_ignores_fillers_only(string expected, string heard, bool same) =>
        Assert.Equal(same, CommandMatch.Same(expected, heard, Profiles.Home.Devices));

    [Theory]
    [InlineData("set the living room light to one hundred percent", "Set the living room light to 100%.", true)]
    [InlineData("set the thermostat to zero degrees", "Set the thermostat to 0 degrees", true)]
    [InlineData("set the thermostat to twenty degrees", "set the thermostat to 20 degrees", true)]
    [InlineData("set the thermostat to twenty degrees", "Set the thermostat to 200 degrees.", false)]
    [InlineData("set a timer for five minutes", "Set a timer for 15 minutes.", false)]
    [InlineData("turn on the kettle", "Turn on the kettle, please.", false)]
    public void Whisper_spelling_is_read_as_spoken(string command, string written, bool same) =>
        Assert.Equal(same, CommandMatch.SameAsWritten(command, written, Profiles.Home.Devices));
}
