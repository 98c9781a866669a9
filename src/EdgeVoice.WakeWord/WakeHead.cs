using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeVoice.WakeWord;

/// <summary>
/// Our own wake classifier over openWakeWord's frozen features: the 16 × 96 embedding window
/// (<see cref="OpenWakeWord.Window"/>), standardised per feature → ReLU hidden layer → sigmoid.
/// Trained per phrase by <c>edgevoice wake-train</c> (<see cref="Training.WakeTrainer"/>) on synthetic
/// speech only; stored as JSON (a .head file, generated, never committed).
/// </summary>
public sealed class WakeHead
{
    public const string FileFormat = "edgevoice-wake-head/1";

    public required string Phrase { get; init; }
    public required int Inputs { get; init; }
    public required int Hidden { get; init; }
    /// <summary>Per-input mean and 1/std of the training features (applied before the first layer).</summary>
    public required float[] Mean { get; init; }
    public required float[] Scale { get; init; }
    /// <summary>First layer, row per hidden unit (Hidden × Inputs), and its biases.</summary>
    public required float[] W1 { get; init; }
    public required float[] B1 { get; init; }
    public required float[] W2 { get; init; }
    public required float B2 { get; set; }
    /// <summary>Training metadata (date, counts, voices, validation figures), for people.</summary>
    public Dictionary<string, string> Info { get; init; } = [];

    /// <summary>Where `edgevoice wake-train` puts a phrase's head by default: ModelsDir/wake/hey_jarvis.head.</summary>
    public static string DefaultPath(string modelsDir, string phrase) =>
        Path.Combine(modelsDir, "wake", string.Join('_', phrase.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)) + ".head");

    /// <summary>Wake probability 0..1 for one embedding window.</summary>
    public float Score(ReadOnlySpan<float> window)
    {
        if (window.Length != Inputs) throw new ArgumentException($"wake head for {Inputs} inputs got {window.Length}");
        Span<float> x = Inputs <= 4096 ? stackalloc float[Inputs] : new float[Inputs];
        for (int i = 0; i < x.Length; i++) x[i] = (window[i] - Mean[i]) * Scale[i];
        float z = B2;
        for (int j = 0; j < Hidden; j++)
            z += W2[j] * MathF.Max(0, B1[j] + Dot(W1.AsSpan(j * Inputs, Inputs), x));
        return 1 / (1 + MathF.Exp(-z));
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = Vector<float>.Count, i = 0;
        var acc = Vector<float>.Zero;
        for (; i <= a.Length - n; i += n) acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        float s = Vector.Sum(acc);
        for (; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    public void Save(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir != null) Directory.CreateDirectory(dir);
        var tmp = path + ".part";
        File.WriteAllText(tmp, JsonSerializer.Serialize(new Dto(FileFormat, this), Json));
        File.Move(tmp, path, true);
    }

    /// <summary>Loads and checks a .head file; missing → FileNotFoundException, anything malformed → InvalidDataException.</summary>
    public static WakeHead Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"wake head {path} is missing: build it with `edgevoice wake-train --out {path}` (scripts/setup.sh does for the default phrase)", path);
        Dto? d;
        try { d = JsonSerializer.Deserialize<Dto>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw Bad(path, e.Message); }
        if (d?.Format != FileFormat || d.Head == null) throw Bad(path, $"format is not {FileFormat}");
        var h = d.Head;
        if (h.Inputs <= 0 || h.Hidden <= 0 || h.Mean?.Length != h.Inputs || h.Scale?.Length != h.Inputs
            || h.W1?.Length != h.Inputs * h.Hidden || h.B1?.Length != h.Hidden || h.W2?.Length != h.Hidden)
            throw Bad(path, "layer sizes do not match");
        if (!h.Mean.Concat(h.Scale).Concat(h.W1).Concat(h.B1).Concat(h.W2).Append(h.B2).All(float.IsFinite))
            throw Bad(path, "weights are not all finite numbers");
        if (h.Inputs != OpenWakeWord.WindowSize) throw Bad(path, $"{h.Inputs} inputs, openWakeWord gives {OpenWakeWord.WindowSize}");
        return h;
    }

    static InvalidDataException Bad(string path, string why) =>
        new($"{path} is not a usable wake head ({why}): rebuild it with `edgevoice wake-train --out {path}`");

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    sealed record Dto(string Format, WakeHead Head);
}
