namespace EdgeVoice.Speech.Tests;

public class BenchTests
{
    [Theory]
    [InlineData("stop second conveyor", "start second conveyor", true)]
    [InlineData("turn the ceiling fan off", "turn ceiling fan on", true)]
    [InlineData("start the line two conveyor", "stop the line one conveyor", false)]
    [InlineData("stop the press", "stop the press", false)]
    [InlineData("turn on the press", "turn on the press", false)]
    public void An_opposite_action_is_the_same_command_with_its_action_turned_round(string said, string heard, bool opposite) =>
        Assert.Equal(opposite, Bench.IsOpposite(said, heard, [.. Profiles.Factory.Devices, .. Profiles.Home.Devices]));
}
