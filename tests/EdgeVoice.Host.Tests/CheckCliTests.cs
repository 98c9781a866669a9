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

    [Fact]
    public async Task Check_and_wake_train_look_for_espeak_where_the_configuration_says()
    {
        var dir = Repo.TempDir("check-espeak");
        var missing = Path.Combine(dir, "no-espeak");
        var env = new Dictionary<string, string> { ["EDGEVOICE__Speech__EspeakPath"] = missing, ["EDGEVOICE__Mqtt__Port"] = "1" };
        var dll = Path.Combine(AppContext.BaseDirectory, "edgevoice.dll");

        var check = await Proc.RunAsync("dotnet", [dll, "check"], TimeSpan.FromMinutes(1), env: env);
        Assert.Contains(check.StdOut.Split('\n'), l => l.StartsWith("FAIL") && l.Contains("tool espeak-ng") && l.Contains(missing));
        Assert.Equal(1, check.ExitCode);

        var train = await Proc.RunAsync("dotnet", [dll, "wake-train", "--out", Path.Combine(dir, "x.head")], TimeSpan.FromMinutes(1), env: env);
        Assert.True(train.ExitCode == 69, $"exit {train.ExitCode}: {train.StdErr}");
        Assert.Contains(missing, train.StdErr);
        Assert.False(File.Exists(Path.Combine(dir, "x.head")));
    }
}
