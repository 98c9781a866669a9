namespace EdgeVoice.Testing;

/// <summary>
/// The Whisper and LLM models tests run on: the trained file in models/ when one is placed there, else its
/// shape-equivalent random-weight stand-in written by scripts/test-models.sh (run by scripts/test.sh and
/// scripts/bench.sh). Random weights give the real compute, not meaningful output.
/// </summary>
public static class TestModels
{
    public static string Dir => Environment.GetEnvironmentVariable("EDGEVOICE_TEST_MODELS") is { Length: > 0 } d
        ? Path.Combine(d, "current")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgevoice", "test-models", "current");

    public const string WhisperTiny = "ggml-tiny.en-q5_1.bin";
    public const string WhisperBase = "ggml-base.en-q5_1.bin";
    public const string Qwen = "qwen2.5-0.5b-instruct-q4_k_m.gguf";

    /// <summary>The random stand-in of a trained model file (by the generator's naming).</summary>
    public static string RandomName(string trained) => trained switch
    {
        WhisperTiny => "ggml-tiny.en-random-q5_1.bin",
        WhisperBase => "ggml-base.en-random-q5_1.bin",
        Qwen => "qwen2.5-0.5b-instruct-random-q8_0.gguf",
        _ => throw new ArgumentException($"no random stand-in for {trained}", nameof(trained)),
    };

    /// <summary>models/&lt;trained&gt; if present, else the random stand-in; fails saying what to run when neither is.</summary>
    public static string Resolve(string trained)
    {
        var real = Path.Combine(Repo.Models, trained);
        return File.Exists(real) ? real : Random(RandomName(trained));
    }

    public static bool IsRandom(string path) => Path.GetFileName(path).Contains("-random-", StringComparison.Ordinal);

    /// <summary>A generated file by name (e.g. the tiny qwen2 used for the 1 000-utterance property test).</summary>
    public static string Random(string file)
    {
        var p = Path.Combine(Dir, file);
        if (!File.Exists(p)) throw new FileNotFoundException($"{file} is missing from {Dir}: run scripts/test-models.sh (scripts/test.sh runs it)", p);
        return p;
    }
}
