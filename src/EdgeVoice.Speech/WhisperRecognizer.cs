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
    readonly int _threads;
    readonly ILogger<WhisperRecognizer> _log;
    readonly SemaphoreSlim _gate = new(1, 1);
    WhisperFactory? _factory;

    public WhisperRecognizer(IOptions<SpeechOptions> opts, IOptions<EdgeVoiceOptions> app, ILogger<WhisperRecognizer> log)
    {
        _modelPath = app.Value.ModelPath(opts.Value.WhisperModel);
        _threads = opts.Value.WhisperThreads;
        _log = log;
    }

    public string Name => RecognizerName;
    public string ModelPath => _modelPath;
    public bool Available => File.Exists(_modelPath);

    public async Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var processor = CreateProcessor();
            var parts = new List<string>();
            double probSum = 0;
            await foreach (var seg in processor.ProcessAsync(clip.Samples, ct))
            {
                parts.Add(seg.Text.Trim());
                probSum += seg.Probability;
            }
            var text = string.Join(' ', parts).Trim();
            return new Transcript(text, parts.Count > 0 ? probSum / parts.Count : 0, RecognizerName);
        }
        finally { _gate.Release(); }
    }

    WhisperProcessor CreateProcessor()
    {
        if (!File.Exists(_modelPath))
            throw new ModelUnavailableException($"Whisper model not found: {_modelPath} (run scripts/setup.sh, or set Speech:Mode to 'commands')");
        // FromPath loads lazily: a corrupt file only fails when the first processor is built.
        try
        {
            bool fresh = _factory is null;
            _factory ??= WhisperFactory.FromPath(_modelPath);
            var p = _factory.CreateBuilder().WithLanguage("en").WithThreads(_threads).WithNoContext().Build();
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
