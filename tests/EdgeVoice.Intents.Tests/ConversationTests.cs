using EdgeVoice.Core;
using EdgeVoice.Testing;

namespace EdgeVoice.Intents.Tests;

public sealed class ConversationTests
{
    [Fact]
    public async Task And_the_other_room_too_repeats_the_action_there()
    {
        using var e = Engines.Create();
        await e.RecognizeAsync("turn on the kitchen light");
        var r = await e.RecognizeAsync("and the living room too");
        Assert.Equal([("HassTurnOn", "living_room_light")], r.Intents.Select(i => (i.Name, i.Device!)));
    }

    [Fact]
    public async Task Make_it_brighter_raises_the_last_light()
    {
        using var e = Engines.Create();
        await e.RecognizeAsync("dim the kitchen light to 30 percent");
        var r = await e.RecognizeAsync("make it brighter");
        var i = Assert.Single(r.Intents);
        Assert.Equal(("HassLightSet", "kitchen_light", 50), (i.Name, i.Device, (int)i.Slots["brightness"]));
    }

    [Fact]
    public async Task The_other_one_undoes_and_moves_the_action()
    {
        using var e = Engines.Create();
        await e.RecognizeAsync("turn on the kitchen light");
        var r = await e.RecognizeAsync("no, the other one");
        Assert.Equal([("HassTurnOff", "kitchen_light"), ("HassTurnOn", "living_room_light")], r.Intents.Select(i => (i.Name, i.Device!)));
    }

    [Fact]
    public async Task Follow_ups_expire_with_the_session()
    {
        var clock = new ManualTime(DateTimeOffset.UnixEpoch);
        using var e = Engines.Create(clock: clock);
        await e.RecognizeAsync("turn on the kitchen light");
        clock.Now += TimeSpan.FromSeconds(31);
        var r = await e.RecognizeAsync("and the living room too");
        Assert.Empty(r.Intents);
    }

    [Fact]
    public async Task Confirmed_actions_wait_for_yes()
    {
        using var e = Engines.Create("factory");
        var ask = await e.RecognizeAsync("start the press");
        Assert.Empty(ask.Intents);
        Assert.Contains("confirm", ask.Reply);
        var yes = await e.RecognizeAsync("yes");
        Assert.Equal([("HassTurnOn", "press")], yes.Intents.Select(i => (i.Name, i.Device!)));
    }

    [Fact]
    public async Task The_other_one_after_a_confirmed_start_asks_before_starting_it()
    {
        using var e = Engines.Create("factory");
        await e.RecognizeAsync("start conveyor one");
        Assert.Equal([("HassTurnOn", "conveyor_1")], (await e.RecognizeAsync("yes")).Intents.Select(i => (i.Name, i.Device!)));
        var ask = await e.RecognizeAsync("no, the other one");
        Assert.True(ask.Intents.Count == 0 && ask.Reply.StartsWith("Please confirm") && ask.Reply.Contains("conveyor two"), ask.Reply);
        Assert.True(e.ExpectsAnswer);
        var yes = await e.RecognizeAsync("yes");
        Assert.Equal([("HassTurnOff", "conveyor_1"), ("HassTurnOn", "conveyor_2")], yes.Intents.Select(i => (i.Name, i.Device!)));
    }

    [Fact]
    public async Task Several_devices_in_one_command_are_all_named_in_the_question()
    {
        using var e = Engines.Create("factory");
        var ask = await e.RecognizeAsync("start conveyor one and the press");
        Assert.Empty(ask.Intents);
        Assert.Equal("Please confirm: turning on conveyor one and press? Say yes or no.", ask.Reply);
        var yes = await e.RecognizeAsync("yes");
        Assert.Equal([("HassTurnOn", "conveyor_1"), ("HassTurnOn", "press")], yes.Intents.Select(i => (i.Name, i.Device!)));
        Assert.Equal("OK, turning on conveyor one and press.", yes.Reply);
    }

    [Fact]
    public async Task Follow_ups_and_area_expansions_go_through_the_same_confirmation()
    {
        using var e = Engines.Create("factory");
        await e.RecognizeAsync("stop conveyor one");
        var stop = await e.RecognizeAsync("and the press too"); // a stop needs no confirmation ...
        Assert.Equal([("HassTurnOff", "press")], stop.Intents.Select(i => (i.Name, i.Device!)));
        await e.RecognizeAsync("start conveyor two");
        await e.RecognizeAsync("yes");
        var area = await e.RecognizeAsync("and line one too"); // ... a start does, also when found by its area
        Assert.True(area.Intents.Count == 0 && area.Reply.Contains("conveyor one"), area.Reply);
        Assert.Empty((await e.RecognizeAsync("no")).Intents);
        var ask = await e.RecognizeAsync("and the press too");
        Assert.True(ask.Intents.Count == 0 && ask.Reply.Contains("press"), ask.Reply);
    }

    public static TheoryData<string, bool> Answers()
    {
        var data = new TheoryData<string, bool>();
        foreach (var a in Replies.Yes) { data.Add(a, true); data.Add(a + " please", true); }
        foreach (var a in Replies.No) { data.Add(a, false); data.Add(a + " thanks", false); }
        return data;
    }

    /// <summary>Every answer the grammar recogniser can hear (Replies) does what it says here.</summary>
    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_the_recogniser_can_hear_confirms_or_cancels(string answer, bool yes)
    {
        using var e = Engines.Create("factory");
        await e.RecognizeAsync("start the press");
        var r = await e.RecognizeAsync(answer);
        Assert.Equal(yes ? [("HassTurnOn", "press")] : [], r.Intents.Select(i => (i.Name, i.Device!)));
        Assert.Equal(yes ? "OK, turning on the press." : "Cancelled.", r.Reply);
    }

    [Fact]
    public async Task The_factory_confirms_every_start_and_stops_at_once()
    {
        // The grammar recogniser hears "stop second conveyor" as "start …" too often for a start to be done unasked.
        using var e = Engines.Create("factory");
        foreach (var start in new[] { "start conveyor one", "start the second conveyor", "start the press" })
        {
            var ask = await e.RecognizeAsync(start);
            Assert.True(ask.Intents.Count == 0 && ask.Reply.Contains("confirm"), $"'{start}' → {ask.Reply}");
            Assert.Empty((await e.RecognizeAsync("no")).Intents);
        }
        foreach (var (stop, device) in new[] { ("stop conveyor one", "conveyor_1"), ("stop the second conveyor", "conveyor_2"), ("stop the press", "press") })
            Assert.Equal([("HassTurnOff", device)], (await e.RecognizeAsync(stop)).Intents.Select(i => (i.Name, i.Device!)));
    }

    [Fact]
    public async Task The_dialog_expects_an_answer_only_while_a_question_is_open()
    {
        var clock = new ManualTime(DateTimeOffset.UnixEpoch);
        using var e = Engines.Create("factory", clock: clock);
        Assert.False(e.ExpectsAnswer);
        await e.RecognizeAsync("stop the conveyor one"); // stops need no confirmation
        Assert.False(e.ExpectsAnswer);
        await e.RecognizeAsync("start the press");
        Assert.True(e.ExpectsAnswer);
        await e.RecognizeAsync("yes");
        Assert.False(e.ExpectsAnswer);
        await e.RecognizeAsync("start the press");
        clock.Now += TimeSpan.FromMinutes(5);
        Assert.False(e.ExpectsAnswer); // expired with the session
    }

    [Fact]
    public async Task A_stop_command_while_a_start_waits_for_its_yes_is_done_not_taken_for_a_no()
    {
        using var e = Engines.Create("factory");
        await e.RecognizeAsync("start conveyor one");
        Assert.True(e.ExpectsAnswer);
        var stop = await e.RecognizeAsync("stop conveyor two");
        Assert.Equal([("HassTurnOff", "conveyor_2")], stop.Intents.Select(i => (i.Name, i.Device!)));
        Assert.False(e.ExpectsAnswer); // the new command replaces the question: a later "yes" starts nothing
        Assert.Empty((await e.RecognizeAsync("yes")).Intents);

        await e.RecognizeAsync("start the press");
        Assert.Equal([("HassTurnOff", "press")], (await e.RecognizeAsync("stop the press")).Intents.Select(i => (i.Name, i.Device!)));
        // A bare "stop" or "no" still answers the question.
        await e.RecognizeAsync("start the press");
        var no = await e.RecognizeAsync("stop");
        Assert.True(no.Intents.Count == 0 && no.Reply == "Cancelled.", no.Reply);
        Assert.False(e.ExpectsAnswer);
    }

    [Fact]
    public async Task A_command_while_asked_back_is_done_and_the_question_dropped()
    {
        using var e = Engines.Create();
        await e.RecognizeUnsureAsync("switch the kettle on");
        var fan = await e.RecognizeAsync("stop the fan");
        Assert.Equal([("HassTurnOff", "living_room_fan")], fan.Intents.Select(i => (i.Name, i.Device!)));
        Assert.Empty((await e.RecognizeAsync("yes")).Intents);
    }

    [Fact]
    public async Task An_answer_with_no_question_pending_does_nothing()
    {
        using var e = Engines.Create("factory");
        var yes = await e.RecognizeAsync("yes");
        Assert.Empty(yes.Intents);
        Assert.Equal(IntentEngine.NothingToConfirm, yes.Reply);
        var stop = await e.RecognizeAsync("stop");
        Assert.Empty(stop.Intents);
        Assert.Equal("", stop.Reply);
        // The question expires with the session: a late "yes" starts nothing.
        var clock = new ManualTime(DateTimeOffset.UnixEpoch);
        using var late = Engines.Create("factory", clock: clock);
        await late.RecognizeAsync("start the press");
        clock.Now += TimeSpan.FromMinutes(5);
        Assert.Empty((await late.RecognizeAsync("yes")).Intents);
    }

    [Fact]
    public async Task An_unsure_command_is_asked_back_and_done_after_a_yes()
    {
        using var e = Engines.Create();
        var ask = await e.RecognizeUnsureAsync("switch the kettle on");
        Assert.Empty(ask.Intents);
        Assert.Equal("Did you say: switch the kettle on? Say yes or no.", ask.Reply);
        Assert.True(e.ExpectsAnswer);
        var yes = await e.RecognizeAsync("yes");
        Assert.Equal([("HassTurnOn", "kettle")], yes.Intents.Select(i => (i.Name, i.Device!)));
    }

    [Fact]
    public async Task An_unsure_answer_is_asked_again_and_an_unsure_question_answered()
    {
        using var e = Engines.Create();
        await e.RecognizeUnsureAsync("switch the kettle on");
        var again = await e.RecognizeUnsureAsync("yes");
        Assert.Equal((0, IntentEngine.AskAgain), (again.Intents.Count, again.Reply));
        Assert.True(e.ExpectsAnswer);
        Assert.Empty((await e.RecognizeAsync("no")).Intents);
        // Asking changes nothing: a state question heard by a narrow margin is simply answered.
        var state = await e.RecognizeUnsureAsync("is the kitchen light on");
        Assert.Equal("HassGetState", Assert.Single(state.Intents).Name);
        Assert.False(e.ExpectsAnswer);
    }

    [Fact]
    public async Task No_cancels_a_confirmation()
    {
        using var e = Engines.Create("factory");
        await e.RecognizeAsync("start the press");
        var no = await e.RecognizeAsync("no");
        Assert.Empty(no.Intents);
        Assert.Empty((await e.RecognizeAsync("yes")).Intents);
    }

    [Fact]
    public async Task State_questions_answer_from_retained_state()
    {
        using var e = Engines.Create(states: new FixedStates(new() { ["thermostat"] = """{"current_temperature":20.5}""", ["kitchen_light"] = "ON" }));
        Assert.Contains("20.5", (await e.RecognizeAsync("what's the temperature in the living room")).Reply);
        var light = await e.RecognizeAsync("is the kitchen light on");
        Assert.Equal("The kitchen light is on.", light.Reply);
        Assert.Equal("HassGetState", Assert.Single(light.Intents).Name);
    }

    [Fact]
    public async Task And_the_other_one_too_after_a_question_answers_it_for_that_one()
    {
        using var e = Engines.Create(states: new FixedStates(new() { ["kitchen_light"] = "ON", ["living_room_light"] = "OFF" }));
        Assert.Equal("The kitchen light is on.", (await e.RecognizeAsync("is the kitchen light on")).Reply);
        var r = await e.RecognizeAsync("and the living room light too");
        Assert.Equal("The living room light is off.", r.Reply);
        Assert.Equal([("HassGetState", "living_room_light")], r.Intents.Select(i => (i.Name, i.Device!)));
        await e.RecognizeAsync("is the kitchen light on");
        var other = await e.RecognizeAsync("no the other one");
        Assert.StartsWith("The ", other.Reply);
        Assert.DoesNotContain("Checking", other.Reply);
        Assert.Equal("HassGetState", Assert.Single(other.Intents).Name);
    }

    [Fact]
    public async Task A_huge_or_strange_retained_state_is_spoken_short_and_clean()
    {
        // A 10.5 KB retained state became a 10-minute reply; control characters and markup are not speech.
        var huge = "{" + string.Join(",", Enumerable.Range(0, 400).Select(i => $"\"sensor_{i}\":\"{new string('x', 10)}\"")) + "}";
        var strange = "ON\u0007\u001b[31m <speak>" + new string('y', 10_000);
        using var e = Engines.Create(states: new FixedStates(new() { ["thermostat"] = huge, ["kitchen_light"] = strange }));
        var json = (await e.RecognizeAsync("what is the thermostat status")).Reply;
        var text = (await e.RecognizeAsync("is the kitchen light on")).Reply;
        foreach (var reply in new[] { json, text })
        {
            Assert.True(reply.Length <= IntentEngine.MaxStateChars + 40, $"{reply.Length} characters: {reply[..80]}");
            Assert.DoesNotMatch(@"[\p{C}<>{}]", reply);
        }
        Assert.StartsWith("The thermostat is sensor 0 xxxxxxxxxx, sensor 1 xxxxxxxxxx", json);
        Assert.StartsWith("The kitchen light is on", text);
    }

    [Fact]
    public async Task Deterministic_answers_need_no_model()
    {
        var clock = new ManualTime(new DateTimeOffset(2026, 11, 25, 14, 5, 0, TimeSpan.Zero));
        using var e = Engines.Create(clock: clock);
        Assert.Equal("It is two oh five PM.", (await e.RecognizeAsync("what time is it")).Reply);
        Assert.Equal("15 percent of 80 is 12.", (await e.RecognizeAsync("what's fifteen percent of eighty")).Reply);
    }

    [Fact]
    public async Task Open_questions_without_a_model_say_what_works()
    {
        using var e = Engines.Create(o: new IntentOptions { LlmModel = "/nonexistent/model.gguf" });
        var r = await e.RecognizeAsync("how long should I boil an egg");
        Assert.Equal(IntentEngine.NoOpenSpeech, r.Reply);
        Assert.Empty(r.Intents);
    }
}
