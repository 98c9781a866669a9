using EdgeVoice.Bench;
using EdgeVoice.Core;
using EdgeVoice.Intents;
using EdgeVoice.Speech.PocketSphinx;
using Xunit.Abstractions;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// The commands grammar asks what time and date it is, as people most often do, when the template tier, which
/// understands those sentences, is on; every one it says the engine answers with the time or the date. With
/// Speech:GrammarSource ondevice it says the timers' commonest sentences too, each understood as its intent.
/// </summary>
public sealed class OnDeviceSentenceTests(ITestOutputHelper output)
{
    static readonly IReadOnlyList<DeviceOptions> Devices = Profiles.Load("speech-dev").Devices;

    [Theory]
    [InlineData("what time is it")]
    [InlineData("what's the time")]
    [InlineData("what is today's date")]
    [InlineData("what is the date today")]
    public void They_are_said_only_with_the_template_tier_on(string sentence)
    {
        Assert.False(new GrammarLanguage(CommandGrammar.Build(Devices)).Accepts(sentence), "said with the template tier off");
        Assert.True(new GrammarLanguage(CommandGrammar.Build(Devices, templates: new())).Accepts(sentence), "not said with it on");
    }

    static string OnDeviceGrammar() => CommandGrammar.Build(Devices, source: SourceFamilies.Source("ondevice", new SpeechOptions().Dictionary), templates: new());

    [Theory]
    [InlineData("stop my timer")]
    [InlineData("cancel all timers")]
    [InlineData("how much time is left on my timer")]
    [InlineData("resume the timer")]
    [InlineData("create a timer for ten minutes and twenty seconds")]
    [InlineData("set a timer for five and a half minutes")]
    public void The_timers_are_said_only_with_the_ondevice_source(string sentence)
    {
        Assert.False(new GrammarLanguage(CommandGrammar.Build(Devices, templates: new())).Accepts(sentence), "said by the default grammar");
        Assert.True(new GrammarLanguage(OnDeviceGrammar()).Accepts(sentence), "not said with ondevice");
    }

    [Theory]
    [InlineData("start a timer for one minute", true)]
    [InlineData("start a timer for twenty one minutes", true)]
    [InlineData("create a timer for one minutes", false)]
    [InlineData("create a timer for five minute", false)]
    public void A_timer_s_duration_says_its_unit_in_the_number_it_has(string sentence, bool said) =>
        Assert.Equal(said, new GrammarLanguage(OnDeviceGrammar()).Accepts(sentence));

    [Fact]
    public async Task Every_timer_sentence_the_ondevice_grammar_says_is_understood_as_its_intent()
    {
        var sentences = Added(OnDeviceGrammar(), CommandGrammar.Build(Devices, templates: new()), 6000).Where(s => s.Contains("timer")).ToList();
        Assert.True(sentences.Count >= 40, $"only {sentences.Count} timer sentences drawn");
        await AssertEachUnderstood(sentences, (s, r, _) => r.Intents.FirstOrDefault()?.Name ==
            (s.Contains("left") || s.StartsWith("status") ? IntentNames.TimerStatus
            : s.StartsWith("pause") ? IntentNames.PauseTimer
            : s.StartsWith("resume") ? IntentNames.UnpauseTimer
            : s.Contains("timers") ? IntentNames.CancelAllTimers
            : s.StartsWith("cancel") || s.StartsWith("stop") ? IntentNames.CancelTimer
            : IntentNames.StartTimer));
    }

    [Fact]
    public async Task Every_on_device_sentence_the_grammar_says_is_understood_as_its_intent()
    {
        var sentences = Added(CommandGrammar.Build(Devices, templates: new()), CommandGrammar.Build(Devices), 4000);
        Assert.True(sentences.Count >= 6, $"only {sentences.Count} on-device sentences drawn: {string.Join(", ", sentences)}");
        await AssertEachUnderstood(sentences, (s, r, now) =>
            r.Intents.Count == 0 && r.Reply == (s.Contains("date") ? ClockWords.Date(now) : ClockWords.Time(now)));
    }

    /// <summary>Sentences drawn from <paramref name="grammar"/> that <paramref name="without"/> does not say.</summary>
    static List<string> Added(string grammar, string without, int draws)
    {
        var before = new GrammarLanguage(without);
        return [.. SampleSentences.FromGrammar(grammar, draws, seed: 3).Distinct().Where(s => !before.Accepts(s))];
    }

    /// <summary>Each sentence through an engine of its own (a timer one sets must not answer the next), all on one clock.</summary>
    async Task AssertEachUnderstood(IReadOnlyList<string> sentences, Func<string, IntentResult, DateTimeOffset, bool> right)
    {
        var clock = new ManualTime();
        var wrong = new List<string>();
        foreach (var s in sentences)
        {
            using var engine = Engines.Create("speech-dev", new IntentOptions { LlmModel = "none.gguf" }, clock);
            var r = await engine.RecognizeAsync(s);
            if (!right(s, r, clock.GetLocalNow())) wrong.Add($"'{s}' → {string.Join("; ", r.Intents.Select(i => i.Name))} ({r.Tier}) '{r.Reply}'");
        }
        output.WriteLine($"{sentences.Count} sentences, {wrong.Count} not understood");
        foreach (var w in wrong) output.WriteLine(w);
        Assert.Empty(wrong);
    }
}
