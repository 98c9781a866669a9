using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeVoice.Speech.Tests;

/// <summary>Speech:Mode picks the recogniser; auto falls back to Whisper only when its model exists.</summary>
public sealed class SelectionTests
{
    static ServiceProvider Build(string? mode, string modelsDir)
    {
        var config = new ConfigurationBuilder().AddJsonFile(Repo.Config("home.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Speech:Mode"] = mode, ["ModelsDir"] = modelsDir }).Build();
        var s = new ServiceCollection().AddLogging();
        s.Configure<EdgeVoiceOptions>(config);
        s.AddEdgeVoiceSpeech(config);
        return s.BuildServiceProvider();
    }

    [Theory]
    [InlineData("commands", typeof(GrammarRecognizer))]
    [InlineData("open", typeof(WhisperRecognizer))]
    [InlineData("auto", typeof(AutoRecognizer))]
    [InlineData(null, typeof(AutoRecognizer))]
    public void Mode_selects_the_recogniser(string? mode, Type expected)
    {
        using var sp = Build(mode, Repo.Models);
        Assert.IsType(expected, sp.GetRequiredService<ISpeechToText>());
        Assert.IsType<EspeakTts>(sp.GetRequiredService<ITextToSpeech>());
    }

    [Fact]
    public void An_unknown_mode_is_a_clear_error()
    {
        using var sp = Build("telepathy", Repo.Models);
        var e = Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<ISpeechToText>());
        Assert.Contains("telepathy", e.Message);
    }

    [Fact]
    public async Task Auto_mode_answers_commands_from_the_grammar_and_rejects_chatter_without_a_whisper_model()
    {
        using var sp = Build("auto", Repo.TempDir("nomodels"));
        var stt = sp.GetRequiredService<ISpeechToText>();
        var cmd = await stt.TranscribeAsync(await SpeechFixtures.SayAsync("turn on the kitchen light"));
        Assert.True(cmd.IsCommand);
        Assert.Equal("pocketsphinx-grammar", cmd.Recognizer);
        var chat = await stt.TranscribeAsync(AudioConvert.Load(Repo.Speech("kennedy.wav")));
        Assert.False(chat.IsCommand);
        Assert.Equal("pocketsphinx-grammar", chat.Recognizer);
    }
}
