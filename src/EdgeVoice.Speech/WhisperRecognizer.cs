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
    // One transcription at a time; Dispose stops it and waits, so whisper.cpp never runs on a freed model.
    readonly NativeCallGate _gate = new();
    WhisperFactory? _factory;
    volatile bool _transcribing;

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

    /// <summary>
    /// A call is inside the gate, whisper.cpp's run included. The call's Task completes only after it has left the
    /// gate, so right after Dispose returns the Task may still look unfinished; this may not (WhisperTests).
    /// </summary>
    internal bool Transcribing => _transcribing;

    public async Task<Run> RunAsync(AudioClip clip, CancellationToken callerCt = default)
    {
        int audioContext = AudioContext(clip);
        using var linked = _gate.Link(callerCt);
        var ct = linked.Token;
        await _gate.EnterAsync(this, ct);
        _transcribing = true;
        try
        {
            // Whisper.net's enumerator gives up at once on its token, and disposing the processor waits only for
            // a whisper_full that has begun. So the token it gets is cancelled only once whisper.cpp is encoding
            // (it then aborts at its next check); a stop asked for before that ends the run at the encoder's start.
            using var stop = new CancellationTokenSource();
            int begun = 0;
            await using var processor = CreateProcessor(audioContext, _ =>
            {
                Interlocked.Exchange(ref begun, 1); // a full fence: this store and the read of ct below are not reordered
                return !ct.IsCancellationRequested;
            });
            using var forward = ct.Register(() => { if (Volatile.Read(ref begun) == 1) stop.Cancel(); });
            var parts = new List<string>();
            double probSum = 0;
            int tokens = 0;
            await foreach (var seg in processor.ProcessAsync(clip.Samples, stop.Token))
            {
                parts.Add(seg.Text.Trim());
                probSum += seg.Probability;
                tokens += seg.Tokens?.Length ?? 0;
            }
            ct.ThrowIfCancellationRequested();
            var text = string.Join(' ', parts).Trim();
            return new Run(new Transcript(text, parts.Count > 0 ? probSum / parts.Count : 0, RecognizerName), tokens, parts.Count);
        }
        finally
        {
            _transcribing = false;
            _gate.Exit();
        }
    }

    WhisperProcessor CreateProcessor(int audioContext, OnEncoderBeginEventHandler encoderBegins)
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
                .WithMaxTokensPerSegment(_opts.WhisperMaxTokens).WithAudioContextSize(audioContext).WithEncoderBeginHandler(encoderBegins);
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

    /// <summary>Ends a transcription in progress at whisper.cpp's next abort check, waits for it, then frees the model.</summary>
    public void Dispose() => _gate.Close(() =>
    {
        _factory?.Dispose();
        _factory = null;
    });
}
