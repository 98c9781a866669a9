using EdgeVoice.Core;
using EdgeVoice.Intents.Timers;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeVoice.Intents.Tests;

/// <summary>Timers run on the device, driven by Home Assistant's timer sentences, on a clock the test moves.</summary>
public sealed class TimerTests
{
    readonly StepClock clock = new(new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.Zero));
    readonly EventBus bus = new();
    readonly List<TimerFinished> finished = [];

    public TimerTests() => bus.Subscribe(e => { if (e is TimerFinished f) lock (finished) finished.Add(f); });

    DeviceTimers Timers(ITimerStore? store = null) => new(clock, store ?? new MemoryTimerStore(), NullLogger<DeviceTimers>.Instance, bus);

    async Task<string> Say(IntentEngine engine, string text)
    {
        var r = await engine.RecognizeAsync(text);
        // Timers name no device: nothing for the allowlist to let through.
        Assert.All(r.Intents, i => Assert.Null(i.Device));
        return r.Reply;
    }

    [Fact]
    public async Task A_timer_ends_with_an_alert_and_not_before()
    {
        using var timers = Timers();
        using var engine = TemplateTierTests.Engine("kitchen", clock: clock, timers: timers);
        var r = await engine.RecognizeAsync("set a timer for 5 minutes");
        Assert.Equal("Timer set for 5 minutes.", r.Reply);
        Assert.Equal(IntentNames.StartTimer, Assert.Single(r.Intents).Name);
        clock.Advance(TimeSpan.FromMinutes(4.9));
        Assert.Empty(finished);
        clock.Advance(TimeSpan.FromMinutes(0.2));
        var f = Assert.Single(finished);
        Assert.Equal("Your 5 minute timer is done.", f.Message);
        Assert.Equal(300, f.Seconds);
        Assert.Equal("kitchen", f.Area);
        Assert.False(f.WhileOff);
        Assert.Empty(timers.All);
        Assert.Equal(Responses.NoTimers, await Say(engine, "cancel my timer"));
    }

    [Fact]
    public async Task Named_timers_and_timers_by_duration_are_told_apart()
    {
        using var timers = Timers();
        using var engine = TemplateTierTests.Engine(null, clock: clock, timers: timers);
        Assert.Equal("Timer set for 10 minutes named pizza.", await Say(engine, "start a pizza timer for 10 minutes"));
        Assert.Equal("Timer set for 5 minutes.", await Say(engine, "set a timer for 5 minutes"));
        Assert.Equal("Timer set for 1 hour and 30 seconds.", await Say(engine, "set a timer for 1 hour and 30 seconds"));
        Assert.Equal("Timer cancelled.", await Say(engine, "cancel the 5 minute timer"));
        Assert.Equal(["pizza", ""], timers.All.Select(t => t.Name ?? "").ToArray());
        Assert.Equal(Responses.NoSuchTimer, await Say(engine, "cancel the 5 minute timer"));
        Assert.Equal("Timer cancelled.", await Say(engine, "cancel the pizza timer"));
        Assert.Equal(3630, Assert.Single(timers.All).Seconds);
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty(finished);
    }

    [Fact]
    public async Task Pause_resume_status_and_added_or_removed_time()
    {
        using var timers = Timers();
        using var engine = TemplateTierTests.Engine(null, clock: clock, timers: timers);
        await Say(engine, "set a timer for 5 minutes");
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("Timer paused.", await Say(engine, "pause the timer"));
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty(finished);
        Assert.Equal("The 5 minute timer has 4 minutes left, paused.", await Say(engine, "how much time is left on my timer"));
        Assert.Equal("Timer resumed.", await Say(engine, "resume the timer"));
        Assert.Equal("2 minutes added to timer.", await Say(engine, "add 2 minutes to my timer"));
        Assert.Equal("The 5 minute timer has 6 minutes left.", await Say(engine, "timer status"));
        Assert.Equal("5 minutes removed from timer.", await Say(engine, "remove 5 minutes from my timer"));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(finished);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Single(finished);
    }

    [Fact]
    public async Task Cancel_all_and_timers_by_area()
    {
        using var timers = Timers();
        using var kitchen = TemplateTierTests.Engine("living room", clock: clock, timers: timers);
        await Say(kitchen, "set a timer for 5 minutes");
        timers.Add(TimeSpan.FromMinutes(7), null, "office");
        timers.Add(TimeSpan.FromMinutes(9), null, "office");
        Assert.Equal("Timer cancelled.", await Say(kitchen, "cancel the living room timer"));
        Assert.Equal(["office", "office"], timers.All.Select(t => t.Area ?? "").ToArray());
        Assert.Equal("Canceled 2 timers.", await Say(kitchen, "cancel all timers"));
        Assert.Empty(timers.All);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(finished);
    }

    [Fact]
    public async Task The_rules_timer_sentence_starts_a_real_timer_too()
    {
        using var timers = Timers();
        using var engine = TemplateTierTests.Engine(null, templates: false, clock: clock, timers: timers);
        var r = await engine.RecognizeAsync("set a timer for 90 seconds");
        Assert.Equal("rules", r.Tier);
        Assert.Equal("Timer set for 1 minute and 30 seconds.", r.Reply);
        Assert.Equal(90, Assert.Single(timers.All).Seconds);
        Assert.Equal(Responses.TooLong, (await engine.RecognizeAsync("set a timer for 99999999 hours")).Reply);
        Assert.Single(timers.All);
    }

    [Fact]
    public void Timers_survive_a_restart_and_one_that_ended_while_off_is_announced_once()
    {
        var store = new MemoryTimerStore();
        using (var before = Timers(store))
        {
            before.Add(TimeSpan.FromMinutes(5), null, null);
            before.Add(TimeSpan.FromMinutes(30), "pizza", null);
            before.Start();
        }
        clock.Advance(TimeSpan.FromMinutes(10)); // the service is down
        Assert.Empty(finished);
        using (var after = Timers(store))
        {
            after.Start();
            var f = Assert.Single(finished);
            Assert.True(f.WhileOff);
            Assert.Equal("Your 5 minute timer finished while I was off.", f.Message);
            Assert.Equal("pizza", Assert.Single(after.All).Name);
        }
        using var again = Timers(store);
        again.Start();
        Assert.Single(finished);
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal("Your pizza timer is done.", finished[^1].Message);
        Assert.Equal(2, finished.Count);
    }

    [Fact]
    public void Saved_entries_that_are_neither_running_nor_paused_are_dropped()
    {
        var store = new MemoryTimerStore();
        store.Save([new TimerEntry("bad", null, null, 60, null, null), new TimerEntry("ok", null, null, 60, null, TimeSpan.FromSeconds(20))]);
        using var timers = Timers(store);
        timers.Start();
        var t = Assert.Single(timers.All);
        Assert.Equal(TimeSpan.FromSeconds(20), timers.Left(t));
    }

    [Fact]
    public void At_most_MaxTimers_run_at_once()
    {
        using var timers = Timers();
        for (int i = 0; i < DeviceTimers.MaxTimers; i++) Assert.NotNull(timers.Add(TimeSpan.FromMinutes(1), null, null));
        Assert.Null(timers.Add(TimeSpan.FromMinutes(1), null, null));
    }

    [Fact]
    public void A_timer_longer_than_one_wait_still_ends_on_time()
    {
        using var timers = Timers();
        timers.Add(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1), null, null);
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Empty(finished);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(finished);
    }

    [Theory]
    [InlineData(30, "30 seconds")]
    [InlineData(60, "1 minute")]
    [InlineData(330, "5 minutes and 30 seconds")]
    [InlineData(4530, "1 hour, 15 minutes and 30 seconds")]
    [InlineData(7200, "2 hours")]
    public void Durations_are_said_as_home_assistant_says_them(int seconds, string said) =>
        Assert.Equal(said, Responses.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("1 hour and 1 minute", 3660)]
    [InlineData("six hours and twenty minutes", 22800)]
    [InlineData("one minute and forty five seconds", 105)]
    [InlineData("1 hour 8 minutes", 4080)]
    [InlineData("an hour and a half", 5400)]
    [InlineData("two and a half minutes", 150)]
    [InlineData("5 minutes", 300)]
    public async Task The_rules_add_up_every_part_of_a_duration(string said, int seconds)
    {
        Assert.Equal(seconds, Numbers.Duration(TextNormalizer.Words(TextNormalizer.Normalize(said))));
        // The rules alone (no templates): the timer they start runs for all of it.
        using var engine = TemplateTierTests.Engine("kitchen", templates: false, clock: clock);
        var r = await engine.RecognizeAsync("set a timer for " + said);
        Assert.Equal(("rules", seconds), (r.Tier, Convert.ToInt32(Assert.Single(r.Intents).Slots["duration"])));
    }
}
