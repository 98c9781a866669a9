using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeVoice.WakeWord;

/// <summary>
/// Silero VAD v5 (ONNX): 512-sample frames at 16 kHz, each preceded by the previous frame's last 64
/// samples (as the reference wrapper does), with a recurrent state carried between calls.
/// </summary>
public sealed class SileroVad : IDisposable
{
    public const int FrameSamples = 512;
    const int Context = 64;
    readonly InferenceSession _session;
    readonly string _input, _state, _sr, _output, _stateOut;
    float[] _stateData = new float[2 * 128];
    readonly float[] _window = new float[Context + FrameSamples];
    readonly DenseTensor<long> _rate = new(new long[] { 16000 }, Array.Empty<int>());

    public SileroVad(string modelPath)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"Silero VAD model {modelPath} is missing: run scripts/setup.sh", modelPath);
        var so = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(modelPath, so);
        // Names differ between exports; find them by role instead of hard-coding.
        var inputs = _session.InputMetadata;
        _input = inputs.Keys.First(k => k is "input" or "x");
        _state = inputs.Keys.First(k => k.StartsWith("state", StringComparison.Ordinal) || k == "h");
        _sr = inputs.Keys.First(k => k == "sr");
        var outs = _session.OutputMetadata.Keys.ToArray();
        _output = outs.First(k => k == "output" || !k.Contains("state", StringComparison.OrdinalIgnoreCase));
        _stateOut = outs.First(k => k != _output);
    }

    public static IReadOnlyDictionary<string, string> Describe(string modelPath)
    {
        using var s = new InferenceSession(modelPath);
        return s.InputMetadata.Concat(s.OutputMetadata)
            .ToDictionary(kv => kv.Key, kv => $"{kv.Value.ElementType.Name}[{string.Join(",", kv.Value.Dimensions)}]");
    }

    public void Reset() { _stateData = new float[2 * 128]; Array.Clear(_window); }

    /// <summary>Speech probability 0..1 of the next 512 samples (floats in [-1, 1]).</summary>
    public float Process(ReadOnlySpan<float> frame)
    {
        if (frame.Length != FrameSamples) throw new ArgumentException($"Silero VAD needs {FrameSamples} samples, got {frame.Length}");
        _window.AsSpan(FrameSamples, Context).CopyTo(_window);
        frame.CopyTo(_window.AsSpan(Context));
        var x = new DenseTensor<float>(_window.ToArray(), [1, _window.Length]);
        var st = new DenseTensor<float>(_stateData, [2, 1, 128]);
        using var r = _session.Run([
            NamedOnnxValue.CreateFromTensor(_input, x),
            NamedOnnxValue.CreateFromTensor(_state, st),
            NamedOnnxValue.CreateFromTensor(_sr, _rate)]);
        float p = 0;
        foreach (var v in r)
        {
            if (v.Name == _output) p = v.AsEnumerable<float>().First();
            else if (v.Name == _stateOut) _stateData = v.AsEnumerable<float>().ToArray();
        }
        return p;
    }

    public void Dispose() => _session.Dispose();
}
