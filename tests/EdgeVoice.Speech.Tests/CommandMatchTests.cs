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
}
