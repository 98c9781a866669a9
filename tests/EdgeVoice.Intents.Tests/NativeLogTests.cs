using EdgeVoice.Intents.Llm;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Intents.Tests;

/// <summary>llama.cpp has one log sink per process: the classes that load a model share a collection so they do not run at once.</summary>
[Collection("llama.cpp")]
public sealed class NativeLogTests
{
    [Theory]
    [InlineData(LLamaLogLevel.Debug, LogLevel.Debug)]
    [InlineData(LLamaLogLevel.Info, LogLevel.Debug)]
    [InlineData(LLamaLogLevel.Warning, LogLevel.Warning)]
    [InlineData(LLamaLogLevel.Error, LogLevel.Error)]
    public void Information_goes_to_debug_and_problems_keep_their_level(LLamaLogLevel native, LogLevel expected) =>
        Assert.Equal(expected, NativeLog.Level(native));

    [Fact]
    public async Task Model_load_and_state_restore_lines_reach_the_logger_whole_at_debug()
    {
        var log = new ListLogger();
        using var llm = LocalLlm.Load(TestModels.Random("qwen2-tiny-random-q8_0.gguf"), 1, 256, Profiles.Home.Devices, log, allowRandomWeights: true);
        await llm.CommandAsync("it is rather gloomy by the stove", default);
        await llm.CommandAsync("it is rather gloomy by the stove", default);

        Assert.True(log.Count(LogLevel.Debug, "llama.cpp: llama_model_loader") > 10, $"{log.Entries.Count} entries");
        Assert.True(log.Count(LogLevel.Debug, "llama.cpp: state_read_data") > 0, "restoring the prefix is logged too");
        Assert.DoesNotContain(log.Entries, e => e.Level == LogLevel.Information);
    }
}
