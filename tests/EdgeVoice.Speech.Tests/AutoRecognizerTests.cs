using EdgeVoice.Core;
using EdgeVoice.Testing;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// auto mode's policy: which grammar verdicts Whisper re-hears, and whose transcript wins. The two
/// recognisers are stand-ins here (the real ones are tested in their own classes); Whisper's weights
/// are not on these machines.
/// </summary>
public sealed class AutoRecognizerTests
{
    sealed class Grammar(Transcript verdict) : IStreamingSpeechToText
    {
        public string Name => "pocketsphinx-grammar";
        public Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default) => Task.FromResult(verdict);
        public ISpeechStream Begin() => new Stream(verdict);
        sealed class Stream(Transcript verdict) : ISpeechStream
        {
            public void Accept(ReadOnlySpan<float> samples) { }
            public Task<Transcript> EndAsync(CancellationToken ct = default) => Task.FromResult(verdict);
            public void Dispose() { }
        }
    }

    sealed class Whisper(bool available, string? heard) : IOpenSpeechToText
    {
        public List<int> Heard { get; } = [];
        public string Name => "whisper";
        public bool Available => available;
        public string ModelPath => "/models/ggml-base.en-q5_1.bin";
        public Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default)
        {
            Heard.Add(clip.Samples.Length);
            if (heard is null) throw new ModelUnavailableException("Whisper model /models/ggml-base.en-q5_1.bin could not be loaded (bad magic)");
            return Task.FromResult(new Transcript(heard, 0.9, Name));
        }
    }

    static readonly AudioClip Clip = new(new float[16000]);
    static Transcript Command(string text, bool unsure) => new(text, 0.6, "pocketsphinx-grammar") { UnsureBecause = unsure ? "margin 0.7 within 2.0 of the threshold" : null, Candidate = text, Margin = 0.7 };
    static readonly Transcript Rejected = new("", 0.1, "pocketsphinx-grammar", IsCommand: false) { Candidate = "turn on the fan", Margin = -9 };

    static (AutoRecognizer, ListLogger) Auto(Transcript grammar, Whisper whisper)
    {
        var log = new ListLogger();
        return (new AutoRecognizer(new Grammar(grammar), whisper, DeviceCatalog.Of(Profiles.Home),
            log.Factory().CreateLogger<AutoRecognizer>()), log);
    }

    [Fact]
    public async Task A_clear_command_is_the_grammars_and_whisper_is_not_asked()
    {
        var whisper = new Whisper(available: true, "Turn on the fan.");
        var (auto, _) = Auto(Command("turn on the kettle", unsure: false), whisper);
        var t = await auto.TranscribeAsync(Clip);
        Assert.Equal(("turn on the kettle", "pocketsphinx-grammar"), (t.Text, t.Recognizer));
        Assert.Empty(whisper.Heard);
    }

    [Theory]
    // Whisper hears otherwise: its transcript wins (the intent stage reads it; it may be no command at all).
    [InlineData("switch the kettle on", "Switch to channel 4.", true)]
    [InlineData("turn on the heating", "Fan the flames!", true)]
    [InlineData("dim the kitchen light to thirty eight percent", "Dim the kitchen light to 30%.", true)]
    // Whisper confirms, in its own spelling: the grammar's sentence stays.
    [InlineData("turn on the kitchen lamp", "Turn on the kitchen light.", false)]
    [InlineData("set the living room light brightness to thirty percent", "Set the living room light brightness to 30%.", false)]
    [InlineData("set a timer for twenty one minute", "Set a timer for 21 minutes.", false)]
    [InlineData("open the shades", "Open the blinds", false)]
    public async Task Whisper_re_hears_an_unsure_command_and_wins_unless_it_is_the_same_command(string grammar, string whisperHeard, bool whisperWins)
    {
        var whisper = new Whisper(available: true, whisperHeard);
        var (auto, log) = Auto(Command(grammar, unsure: true), whisper);
        var t = await auto.TranscribeAsync(Clip);
        Assert.Equal(whisperWins ? (whisperHeard, "whisper") : (grammar, "pocketsphinx-grammar"), (t.Text, t.Recognizer));
        Assert.False(t.Unsure); // confirmed, or Whisper's own: nobody asks the speaker again
        Assert.Equal([Clip.Samples.Length], whisper.Heard);
        // The log says why the grammar was not sure.
        Assert.Equal(whisperWins ? 1 : 0, log.Count(LogLevel.Information, $"(margin 0.7 within 2.0 of the threshold) and Whisper heard '{whisperHeard}'"));
    }

    [Fact]
    public async Task Without_a_whisper_model_an_unsure_command_stands()
    {
        var whisper = new Whisper(available: false, "Switch to channel 4.");
        var (auto, _) = Auto(Command("switch the kettle on", unsure: true), whisper);
        var t = await auto.TranscribeAsync(Clip);
        Assert.Equal(("switch the kettle on", true, true), (t.Text, t.IsCommand, t.Unsure)); // the intent stage asks the speaker
        Assert.Empty(whisper.Heard);
    }

    [Fact]
    public async Task A_broken_whisper_model_keeps_the_unsure_command_and_says_why()
    {
        var whisper = new Whisper(available: true, heard: null);
        var (auto, log) = Auto(Command("turn off the fan", unsure: true), whisper);
        var t = await auto.TranscribeAsync(Clip);
        Assert.Equal(("turn off the fan", true, true), (t.Text, t.IsCommand, t.Unsure));
        Assert.Equal(1, log.Count(LogLevel.Warning, "bad magic"));
    }

    [Fact]
    public async Task Rejected_audio_goes_to_whisper_and_streamed_audio_reaches_it_whole()
    {
        var whisper = new Whisper(available: true, "How long should I boil an egg?");
        var (auto, _) = Auto(Rejected, whisper);
        using var s = auto.Begin();
        s.Accept(new float[1280]);
        s.Accept(new float[640]);
        var t = await s.EndAsync();
        Assert.Equal(("How long should I boil an egg?", "whisper"), (t.Text, t.Recognizer));
        Assert.Equal([1920], whisper.Heard);
    }

    [Fact]
    public async Task Rejected_audio_without_a_whisper_model_stays_rejected()
    {
        var whisper = new Whisper(available: false, "anything");
        var (auto, _) = Auto(Rejected, whisper);
        var t = await auto.TranscribeAsync(Clip);
        Assert.False(t.IsCommand);
        Assert.Empty(whisper.Heard);
    }
}
