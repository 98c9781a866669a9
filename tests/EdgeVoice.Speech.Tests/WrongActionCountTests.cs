using EdgeVoice.Bench;
using EdgeVoice.Core;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// What the bench counts as a wrong action when a clip was heard as something not said: whatever changes a device or a
/// timer. A question, a state or a timer's status is answered and changes nothing, so it is a wrong answer: in session 39 a
/// Lithuanian word heard as "status of timers" was counted as a wrong action.
/// </summary>
public sealed class WrongActionCountTests
{
    static Intent I(string name) => new(name, null, new Dictionary<string, object>());

    [Theory]
    [InlineData(IntentNames.TimerStatus)]
    [InlineData(IntentNames.GetState)]
    [InlineData(IntentNames.ClimateGetTemperature)]
    public void An_intent_that_only_answers_is_no_action(string intent) => Assert.False(SourceFamilies.Acts([I(intent)]), intent);

    [Theory]
    [InlineData(IntentNames.TurnOn)]
    [InlineData(IntentNames.StartTimer)]
    [InlineData(IntentNames.CancelTimer)]
    [InlineData(IntentNames.LightSet)]
    public void An_intent_that_changes_something_is_an_action(string intent)
    {
        Assert.True(SourceFamilies.Acts([I(intent)]), intent);
        Assert.True(SourceFamilies.Acts([I(IntentNames.TimerStatus), I(intent)]), $"status and {intent}");
    }
}
