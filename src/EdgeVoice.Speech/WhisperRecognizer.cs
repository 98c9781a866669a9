using EdgeVoice.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Whisper.net;

namespace EdgeVoice.Speech;

/// <summary>Open speech-to-text with Whisper.net (whisper.cpp) on a ggml model from models/.</summary>
public sealed class WhisperRecognizer : IOpenSpeechToText, IDisposable
{
    public const string RecognizerName = "whisper";
    readonly string _modelPath;
    readonly SpeechOptions _opts;
    readonly ILogger<WhisperRecognizer> _log;
    readonly SemaphoreSlim _gate = new(1, 1);
    WhisperFactory? _factory;

    /// <summary>A transcript with what it cost: the tokens Whisper wrote (special ones included).</summary>
    public sealed record Run(Transcript Transcript, int Tokens, int Segments);

    public WhisperRecognizer(IOptions<SpeechOptions> opts, IOptions<EdgeVoiceOptions> app, ILogger<WhisperRecognizer> log)
    {
        _opts = opts.Value;
        _modelPath = app.Value.ModelPath(_opts.WhisperModel);
        _log = log;
    }

    public string Name => RecognizerName;
    public string ModelPath => _modelPath;
    public bool Available => File.Exists(_modelPath) && (_opts.AllowRandomWeights || !RandomWeights.IsRandom(_modelPath));

    public async Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default) => (await RunAsync(clip, ct)).Transcript;

    /// <summary>whisper.cpp's encoder positions per second of audio (1500 for its 30 s window).</summary>
    public const int PositionsPerSecond = 50, FullAudioContext = 1500;

    /// <summary>
    /// The encoder positions a clip needs: 50 a second plus 64 of margin for the clip's last frames (the margin
    /// whisper.cpp users recommend), rounded up to a multiple of 64, at least 128 (much shorter windows make
    /// trained models repeat themselves, ggml-org/whisper.cpp#1951) and at most the full window.
    /// </summary>
    public static int AudioContextFor(TimeSpan duration)
    {
        int needed = (int)Math.Ceiling(duration.TotalSeconds * PositionsPerSecond) + 64;
        return Math.Clamp((needed + 63) / 64 * 64, 128, FullAudioContext);
    }

    int AudioContext(AudioClip clip) => _opts.WhisperAudioContext.ToLowerInvariant() switch
    {
        "auto" => AudioContextFor(clip.Duration),
        "full" => FullAudioContext,
        _ => throw new InvalidOperationException($"Speech:WhisperAudioContext '{_opts.WhisperAudioContext}' is not one of auto, full"),
    };

    public async Task<Run> RunAsync(AudioClip clip, CancellationToken ct = default)
    {
        int audioContext = AudioContext(clip);
        await _gate.WaitAsync(ct);
        try
        {
            // The builder fixes the audio context, and a processor is made per clip anyway (one whisper.cpp state each).
            await using var processor = CreateProcessor(audioContext);
            var parts = new List<string>();
            double probSum = 0;
            int tokens = 0;
            await foreach (var seg in processor.ProcessAsync(clip.Samples, ct))
            {
                parts.Add(seg.Text.Trim());
                probSum += seg.Probability;
                tokens += seg.Tokens?.Length ?? 0;
            }
            var text = string.Join(' ', parts).Trim();
            return new Run(new Transcript(text, parts.Count > 0 ? probSum / parts.Count : 0, RecognizerName), tokens, parts.Count);
        }
        finally { _gate.Release(); }
    }

    WhisperProcessor CreateProcessor(int audioContext)
    {
        if (!File.Exists(_modelPath))
            throw new ModelUnavailableException($"Whisper model not found: {_modelPath} (run scripts/setup.sh, or set Speech:Mode to 'commands')");
        if (!_opts.AllowRandomWeights && RandomWeights.IsRandom(_modelPath))
            throw new ModelUnavailableException($"{_modelPath} {RandomWeights.Refusal}");
        // FromPath loads lazily: a corrupt file only fails when the first processor is built.
        try
        {
            bool fresh = _factory is null;
            // Flash attention never builds the encoder's 1500 x 1500 attention matrices: same output, a smaller
            // transient buffer per transcription (EdgeVoice.Bench memory; src/EdgeVoice.Intents/Llm/EXPERIMENTS.md).
            _factory ??= WhisperFactory.FromPath(_modelPath, new WhisperFactoryOptions { UseGpu = false, UseFlashAttention = true });
            var b = _factory.CreateBuilder().WithLanguage("en").WithThreads(_opts.WhisperThreads).WithNoContext()
                .WithMaxTokensPerSegment(_opts.WhisperMaxTokens).WithAudioContextSize(audioContext);
            if (!_opts.WhisperTemperatureFallback) b = b.WithTemperatureInc(0);
            var p = b.Build();
            if (fresh) _log.LogInformation("Whisper model loaded from {Path}", _modelPath);
            return p;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _factory?.Dispose();
            _factory = null;
            throw new ModelUnavailableException($"Whisper model {_modelPath} could not be loaded ({e.Message}); re-run scripts/setup.sh to fetch it again", e);
        }
    }

    public void Dispose() => _factory?.Dispose();
}
