using EdgeVoice.Testing;

namespace EdgeVoice.Host.Tests;

/// <summary>`simulate --json` with the LLM tier loaded: stdout stays the JSON contract and llama.cpp's log stays out of the console.</summary>
public sealed class LlmSimulateTests
{
    [Fact]
    public async Task With_the_llm_loaded_stdout_is_one_json_line_and_llama_cpp_logs_only_at_debug()
    {
        var dir = Repo.TempDir("llm-simulate");
        var env = new Dictionary<string, string>
        {
            ["EDGEVOICE__Intents__LlmModel"] = TestModels.Random("qwen2-tiny-random-q8_0.gguf"),
            ["EDGEVOICE__Intents__AllowRandomWeights"] = "true",
        };
        // Not a phrasing the rules or templates know: it goes to the model.
        var run = await SimulateCli.SimulateWithBrokerAsync([], dir, env, "--text", "it is rather gloomy over by the stove");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}");
        var line = Assert.Single(run.Lines);
        Assert.Equal("llm", line.GetProperty("tier").GetString());
        // Model load alone writes hundreds of lines (llama_model_loader, print_info, ...); at the default level none show.
        foreach (var marker in new[] { "llama_model_loader", "print_info", "load_tensors", "state_read_data", "llama_context" })
            Assert.DoesNotContain(marker, run.StdErr);
    }
}
