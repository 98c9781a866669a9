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

    public async Task<Run> RunAsync(AudioClip clip, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var processor = CreateProcessor();
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

    WhisperProcessor CreateProcessor()
    {
        if (!File.Exists(_modelPath))
            throw new ModelUnavailableException($"Whisper model not found: {_modelPath} (run scripts/setup.sh, or set Speech:Mode to 'commands')");
        if (!_opts.AllowRandomWeights && RandomWeights.IsRandom(_modelPath))
            throw new ModelUnavailableException($"{_modelPath} {RandomWeights.Refusal}");
        // FromPath loads lazily: a corrupt file only fails when the first processor is built.
        try
        {
            bool fresh = _factory is null;
            _factory ??= WhisperFactory.FromPath(_modelPath);
            var b = _factory.CreateBuilder().WithLanguage("en").WithThreads(_opts.WhisperThreads).WithNoContext()
                .WithMaxTokensPerSegment(_opts.WhisperMaxTokens);
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
