using EdgeVoice.Testing;

namespace EdgeVoice.Host.Tests;

/// <summary>`edgevoice check`, the first thing run over SSH after installing: it must catch a half-downloaded model.</summary>
public class CheckCliTests
{
    [Fact]
    public async Task A_model_shorter_than_its_pinned_size_fails_the_check_and_says_what_to_do()
    {
        var dir = Repo.TempDir("check");
        File.WriteAllBytes(Path.Combine(dir, "whole.onnx"), new byte[100]);
        File.WriteAllBytes(Path.Combine(dir, "cut.onnx"), new byte[60]);
        File.WriteAllText(Path.Combine(dir, "models.json"), """
            { "models": [
              { "name": "whole.onnx", "path": "whole.onnx", "size": 100, "required": true },
              { "name": "cut.onnx", "path": "cut.onnx", "size": 100, "required": true },
              { "name": "unpinned.bin", "path": "whole.onnx", "size": null, "required": true },
              { "name": "llm.gguf", "path": "llm.gguf", "size": 100, "required": false, "purpose": "local LLM for intents and answers" }
            ] }
            """);
        var r = await Proc.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgevoice.dll"), "check"], TimeSpan.FromMinutes(1),
            env: new Dictionary<string, string> { ["EDGEVOICE__ModelsDir"] = dir, ["EDGEVOICE__Mqtt__Port"] = "1" });

        var lines = r.StdOut.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("ok") && l.Contains("model whole.onnx"));
        Assert.Contains(lines, l => l.StartsWith("FAIL") && l.Contains("model cut.onnx") && l.Contains("60 bytes, expected 100") && l.Contains("scripts/setup.sh"));
        Assert.Contains(lines, l => l.StartsWith("warn") && l.Contains("model llm.gguf") && l.Contains("local LLM for intents and answers is off"));
        Assert.Equal(1, r.ExitCode);
    }
}
