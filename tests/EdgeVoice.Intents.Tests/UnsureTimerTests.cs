using EdgeVoice.Core;
using EdgeVoice.Intents.Timers;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeVoice.Intents.Tests;

/// <summary>
/// A timer command the recogniser was not sure of is asked back like any other command: the timer starts, stops or
/// is cancelled only after the yes. Timers run on the device, so nothing downstream would hold them back.
/// </summary>
public sealed class UnsureTimerTests : IDisposable
{
    readonly DeviceTimers timers;
    readonly IntentEngine engine;

    public UnsureTimerTests()
    {
        var clock = new StepClock(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        timers = new(clock, new MemoryTimerStore(), NullLogger<DeviceTimers>.Instance);
        engine = TemplateTierTests.Engine("kitchen", clock: clock, timers: timers);
    }

    public void Dispose()
    {
        engine.Dispose();
        timers.Dispose();
    }

    [Theory]
    [InlineData("set a timer for 5 minutes", "Timer set for 5 minutes.")] // the rules' own timer sentence
    [InlineData("start a pizza timer for 10 minutes", "Timer set for 10 minutes named pizza.")] // Home Assistant's
    public async Task A_timer_heard_unsure_starts_only_after_a_yes(string said, string done)
    {
        var ask = await engine.RecognizeUnsureAsync(said);
        Assert.Equal($"Did you say: {said}? Say yes or no.", ask.Reply);
        Assert.Empty(ask.Intents);
        Assert.Empty(timers.All);
        var yes = await engine.RecognizeAsync("yes");
        Assert.Equal(done, yes.Reply);
        Assert.Equal(IntentNames.StartTimer, Assert.Single(yes.Intents).Name);
        Assert.Single(timers.All);
        Assert.False(engine.ExpectsAnswer);
    }

    [Fact]
    public async Task A_cancel_heard_unsure_and_answered_no_leaves_the_timer_running()
    {
        await engine.RecognizeAsync("set a timer for 5 minutes");
        var ask = await engine.RecognizeUnsureAsync("cancel my timer");
        Assert.StartsWith("Did you say: cancel my timer?", ask.Reply);
        Assert.Single(timers.All);
        Assert.Equal("Cancelled.", (await engine.RecognizeAsync("no")).Reply);
        Assert.Single(timers.All);
        await engine.RecognizeUnsureAsync("cancel my timer");
        Assert.Equal("Timer cancelled.", (await engine.RecognizeAsync("yes")).Reply);
        Assert.Empty(timers.All);
    }

    [Fact]
    public async Task A_timer_said_for_sure_while_an_unsure_one_is_asked_back_drops_the_question()
    {
        await engine.RecognizeUnsureAsync("set a timer for 88 minutes");
        Assert.Equal("Timer set for 5 minutes.", (await engine.RecognizeAsync("set a timer for 5 minutes")).Reply);
        Assert.False(engine.ExpectsAnswer);
        Assert.Equal(IntentEngine.NothingToConfirm, (await engine.RecognizeAsync("yes")).Reply);
        Assert.Equal(300, Assert.Single(timers.All).Seconds);
    }

    [Fact]
    public async Task A_timer_status_heard_unsure_is_simply_told()
    {
        await engine.RecognizeAsync("set a timer for 5 minutes");
        var status = await engine.RecognizeUnsureAsync("how much time is left on my timer");
        Assert.DoesNotContain("Did you say", status.Reply);
        Assert.Contains("5 minutes", status.Reply);
        Assert.False(engine.ExpectsAnswer);
    }
}
