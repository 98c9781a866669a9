using EdgeVoice.Bench;
using EdgeVoice.Core;
using EdgeVoice.Intents;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// The grammar of Speech:GrammarSource ondevice as the service wires it: the command sentences with their timer and time
/// sentences, and the template sentences of the other intents the device answers itself (weather, never mind).
/// </summary>
public sealed class OnDeviceGrammarTests
{
    /// <summary>The intent and speech stages through their own registrations, on a profile's devices.</summary>
    static ServiceProvider Services(string profile, bool templates = true, ILoggerProvider? logs = null)
    {
        var app = Profiles.Load(profile);
        app.ModelsDir = Repo.Models;
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Intents:Templates"] = templates ? "true" : "false",
            ["Intents:LlmModel"] = "no-llm-in-this-test.gguf",
            ["Speech:Mode"] = "commands",
            ["Speech:GrammarSource"] = "ondevice",
        }).Build();
        var s = new ServiceCollection();
        s.AddLogging(b => { if (logs is not null) b.AddProvider(logs); });
        s.AddSingleton<IOptionsMonitor<EdgeVoiceOptions>>(new Profiles.Monitor<EdgeVoiceOptions>(app));
        s.AddEdgeVoiceIntents(config);
        s.AddEdgeVoiceSpeech(config);
        return s.BuildServiceProvider();
    }

    /// <summary>The grammar as the recogniser builds it: the template tier is on, so the time and date sentences are said too.</summary>
    static GrammarLanguage Language(ServiceProvider sp) =>
        new(CommandGrammar.Build(sp.GetRequiredService<DeviceCatalog>().Devices, false, Source(sp), Profiles.Templates("speech-dev")));

    static GrammarSource? Source(ServiceProvider sp) => GrammarSource.From("ondevice",
        sp.GetService<ISentenceGrammar>(), sp.GetKeyedService<ISentenceGrammar>(SentenceGrammars.OnDevice), new SpeechOptions().Dictionary);

    /// <summary>The Piper set's on-device sentences (../shared/speech-dev), as the grammar spells them.</summary>
    public static readonly TheoryData<string> OnDevice = new()
    {
        "what's the time", "what is today's date", "create a timer for 5 and a half minutes", "set timer for 1 minute and 45 seconds",
        "set a timer for 1 hour and 1 minute", "how much time is left on my timer", "stop my timer", "stop all of my timers", "resume the timer",
        "status of the timers", "what time is it", "cancel my timer", "pause timer", "never mind",
    };

    [Theory]
    [MemberData(nameof(OnDevice))]
    public async Task The_grammar_says_an_on_device_sentence_and_it_means_what_the_written_one_means(string written)
    {
        using var sp = Services("speech-dev");
        var spoken = GrammarLanguage.Spoken(written);
        Assert.True(Language(sp).Accepts(spoken), $"the ondevice grammar cannot say '{spoken}'");
        // Two engines, so a timer the first starts is not the one the second cancels; the same clock for both.
        var clock = new ManualTime();
        using var a = Engines.Create("speech-dev", clock: clock);
        using var b = Engines.Create("speech-dev", clock: clock);
        var (meant, heard) = (await a.RecognizeAsync(written), await b.RecognizeAsync(spoken));
        Assert.Equal((Describe(meant), "templates"), (Describe(heard), heard.Tier));
    }

    [Fact]
    public void The_default_source_is_the_command_sentences_alone()
    {
        using var sp = Services("speech-dev");
        Assert.Equal("commands", new SpeechOptions().GrammarSource);
        Assert.Null(GrammarSource.From("commands", sp.GetService<ISentenceGrammar>(), sp.GetKeyedService<ISentenceGrammar>(SentenceGrammars.OnDevice), new SpeechOptions().Dictionary));
        Assert.NotNull(Source(sp));
    }

    [Fact]
    public void The_grammar_leaves_out_adding_to_a_timer_which_took_setting_one()
    {
        using var sp = Services("speech-dev");
        var language = Language(sp);
        Assert.True(language.Accepts("set a timer for one hour and one minute"));
        Assert.False(language.Accepts("add one second to timer for one hour and one minute"));
        Assert.False(language.Accepts("remove five minutes from my timer"));
    }

    [Theory]
    [InlineData("set a timer for one hour and one minute", 3660)]
    [InlineData("create a timer for five and a half minutes", 330)]
    [InlineData("set timer for one minute and forty five seconds", 105)]
    public async Task A_duration_the_grammar_says_is_the_one_the_template_tier_parses(string spoken, int seconds)
    {
        using var sp = Services("speech-dev");
        Assert.True(Language(sp).Accepts(spoken));
        using var engine = Engines.Create("speech-dev");
        var r = await engine.RecognizeAsync(spoken);
        var timer = Assert.Single(r.Intents);
        Assert.Equal((IntentNames.StartTimer, seconds), (timer.Name, Convert.ToInt32(timer.Slots["duration"])));
    }

    [Theory]
    [InlineData("what time is it")]
    [InlineData("cancel my timer")]
    public async Task Pocketsphinx_hears_an_on_device_sentence_with_the_ondevice_source_and_the_engine_does_it(string sentence)
    {
        Assert.False(new GrammarLanguage(CommandGrammar.Build(Profiles.Load("speech-dev").Devices)).Accepts(sentence), "the command sentences alone say it");
        using var sp = Services("speech-dev");
        var g = sp.GetRequiredService<GrammarRecognizer>();
        var t = await g.TranscribeAsync(await SpeechFixtures.SayAsync(sentence));
        Assert.True(t.IsCommand && t.Text == sentence, $"heard '{t.Text}' (candidate '{t.Candidate}', margin {t.Margin:F1}, command {t.IsCommand})");
        var r = await sp.GetRequiredService<IIntentRecognizer>().RecognizeAsync(t.Text);
        if (sentence == "what time is it") Assert.Equal(("templates", 0, true), (r.Tier, r.Intents.Count, r.Reply.StartsWith("It is ", StringComparison.Ordinal)));
        else Assert.Equal(IntentNames.CancelTimer, Assert.Single(r.Intents).Name);
    }

    [Fact]
    public async Task Without_templates_the_grammar_builds_and_one_log_line_says_the_on_device_sentences_are_missing()
    {
        var logs = new ListLogger();
        using var sp = Services("speech-dev", templates: false, logs);
        var g = sp.GetRequiredService<GrammarRecognizer>();
        // Building the decoders builds the grammar: a clip of a command is heard with it.
        var t = await g.TranscribeAsync(await SpeechFixtures.SayAsync("turn on the tv"));
        Assert.True(t.IsCommand, $"heard '{t.Text}'");
        Assert.DoesNotContain("what time is it", g.Grammar ?? "");
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("on-device sentences") && e.Text.Contains("Intents:Templates"));
    }

    static string Describe(IntentResult r) => r.Intents.Count > 0
        ? string.Join("; ", r.Intents.Select(i => $"{i.Name} {string.Join(",", i.Slots.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))}"))
        : "answer: " + r.Reply;
}
