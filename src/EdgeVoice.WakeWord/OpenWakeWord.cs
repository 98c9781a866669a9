using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeVoice.WakeWord;

/// <summary>
/// openWakeWord's streaming pipeline on ONNX Runtime. Every 80 ms step: the step's 1280 samples plus
/// 480 samples of history (int16 scale) → melspectrogram.onnx → 8 mel frames, transformed x/10+2 as
/// openWakeWord does → the last 76 mel frames → embedding_model.onnx → one 96-d embedding → the last 16
/// embeddings → the wake classifier → score 0..1. <see cref="Window"/> exposes those 16 × 96 features for
/// a head of our own (<see cref="WakeHead"/>); without a classifier file only the features are computed.
/// </summary>
public sealed class OpenWakeWord : IDisposable
{
    public const int StepSamples = 1280;
    public const int EmbeddingDim = 96, EmbeddingWindow = 16, WindowSize = EmbeddingDim * EmbeddingWindow;
    const int History = 480, MelBins = 32, MelWindow = 76;
    readonly InferenceSession _mel, _embed;
    readonly InferenceSession? _wake;
    readonly string _melIn, _embedIn, _wakeIn;
    readonly float[] _window = new float[WindowSize];
    readonly float[] _audio = new float[History + StepSamples];
    readonly List<float[]> _mels = [];
    readonly List<float[]> _embeddings = [];

    /// <param name="wakeModel">The pre-trained classifier; null computes only the features (<see cref="Window"/>), and scores 0.</param>
    public OpenWakeWord(string openWakeWordDir, string? wakeModel)
    {
        _mel = Open(Path.Combine(openWakeWordDir, "melspectrogram.onnx"));
        _embed = Open(Path.Combine(openWakeWordDir, "embedding_model.onnx"));
        _wake = wakeModel == null ? null : Open(Path.IsPathRooted(wakeModel) ? wakeModel : Path.Combine(openWakeWordDir, wakeModel));
        _melIn = _mel.InputMetadata.Keys.First();
        _embedIn = _embed.InputMetadata.Keys.First();
        _wakeIn = _wake?.InputMetadata.Keys.First() ?? "";
        Reset();
    }

    static InferenceSession Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"openWakeWord model {path} is missing: run scripts/setup.sh", path);
        try { return new InferenceSession(path, new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 }); }
        catch (OnnxRuntimeException e) { throw new InvalidDataException($"{path}: not a loadable ONNX model ({e.Message})", e); }
    }

    /// <summary>Forgets all audio (the first ~1.3 s after a reset score 0 while the window refills).</summary>
    public void Reset()
    {
        Array.Clear(_audio);
        _mels.Clear();
        _embeddings.Clear();
        WindowReady = false;
        for (int i = 0; i < MelWindow; i++) _mels.Add(Enumerable.Repeat(1f, MelBins).ToArray());
    }

    /// <summary>True once 16 embeddings have been seen since the last reset (about 1.3 s of audio).</summary>
    public bool WindowReady { get; private set; }

    /// <summary>The last step's 16 × 96 embedding window, oldest first (valid when <see cref="WindowReady"/>; overwritten by the next step).</summary>
    public ReadOnlySpan<float> Window => _window;

    /// <summary>Feeds one 80 ms step (floats in [-1, 1]); returns the wake score for the window ending here.</summary>
    public float Process(ReadOnlySpan<float> step)
    {
        if (step.Length != StepSamples) throw new ArgumentException($"openWakeWord needs {StepSamples}-sample steps, got {step.Length}");
        _audio.AsSpan(StepSamples, History).CopyTo(_audio);
        for (int i = 0; i < StepSamples; i++) _audio[History + i] = Math.Clamp(step[i], -1f, 1f) * 32767f;

        using (var r = _mel.Run([NamedOnnxValue.CreateFromTensor(_melIn, new DenseTensor<float>(_audio.ToArray(), [1, _audio.Length]))]))
        {
            var mel = r.First().AsEnumerable<float>().ToArray();
            for (int f = 0; f + MelBins <= mel.Length; f += MelBins)
            {
                var frame = new float[MelBins];
                for (int b = 0; b < MelBins; b++) frame[b] = mel[f + b] / 10f + 2f;
                _mels.Add(frame);
            }
        }
        if (_mels.Count > MelWindow) _mels.RemoveRange(0, _mels.Count - MelWindow);

        var melIn = new float[MelWindow * MelBins];
        for (int f = 0; f < MelWindow; f++) _mels[f].CopyTo(melIn, f * MelBins);
        using (var r = _embed.Run([NamedOnnxValue.CreateFromTensor(_embedIn, new DenseTensor<float>(melIn, [1, MelWindow, MelBins, 1]))]))
            _embeddings.Add(r.First().AsEnumerable<float>().ToArray());
        if (_embeddings.Count > EmbeddingWindow) _embeddings.RemoveAt(0);
        if (_embeddings.Count < EmbeddingWindow) return 0;

        for (int i = 0; i < EmbeddingWindow; i++) _embeddings[i].CopyTo(_window, i * EmbeddingDim);
        WindowReady = true;
        if (_wake == null) return 0;
        // The tensor gets its own copy: the window stays ours to expose.
        using var w = _wake.Run([NamedOnnxValue.CreateFromTensor(_wakeIn, new DenseTensor<float>(_window.ToArray(), [1, EmbeddingWindow, EmbeddingDim]))]);
        return w.First().AsEnumerable<float>().First();
    }

    public void Dispose() { _mel.Dispose(); _embed.Dispose(); _wake?.Dispose(); }
}
