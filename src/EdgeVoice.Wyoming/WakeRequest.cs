using System.Text.Json.Nodes;
using System.Threading.Channels;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.WakeWord;

namespace EdgeVoice.Wyoming;

/// <summary>
/// One `detect`: the audio runs through a pooled front end (the same wake word decision as the device's own
/// loop) and each wake word goes back as `detection`. Frames queue in a small bounded channel, so a client
/// sending faster than the detector runs is slowed down rather than buffered without limit.
/// </summary>
sealed class WakeRequest : IAsyncDisposable
{
    readonly WakeDetectors _pool;
    readonly VoiceFrontEnd _fe;
    readonly WyomingConnection _conn;
    readonly Channel<float[]> _frames = Channel.CreateBounded<float[]>(new BoundedChannelOptions(32) { SingleReader = true, SingleWriter = true });
    readonly float[] _partial = new float[AudioFrames.Samples];
    readonly CancellationTokenSource _stop = new();
    readonly int _maxSeconds;
    Task? _run;
    PcmFormat? _format;
    int _fill;
    long _samples;
    int _detections;

    public WakeRequest(WakeDetectors pool, VoiceFrontEnd fe, WyomingConnection conn, int maxSeconds)
    {
        _pool = pool; _fe = fe; _conn = conn; _maxSeconds = maxSeconds;
        _fe.Wake += OnWake;
    }

    public bool Started => _format != null;

    void OnWake(WakeDetected w)
    {
        Interlocked.Increment(ref _detections);
        _conn.TryPost(new WyomingEvent("detection", new JsonObject { ["name"] = _pool.Name, ["timestamp"] = w.StreamMs }));
    }

    public void Start(PcmFormat f)
    {
        _format = f;
        _run = Task.Run(async () =>
        {
            await foreach (var u in _fe.RunAsync(new ChannelSource(_frames.Reader), _stop.Token)) u.Speech?.Dispose();
        });
    }

    public async Task AddAsync(WyomingEvent chunk, CancellationToken ct)
    {
        var f = chunk.Data.ContainsKey("rate") ? PcmFormat.From(chunk) : _format ?? throw new WyomingProtocolException("audio-chunk before audio-start", "unexpected", fatal: false);
        if (_format == null) Start(f);
        var mono = Pcm.ToMono(chunk.Payload ?? [], f);
        _samples += mono.Length;
        if (_samples > (long)_maxSeconds * f.Rate)
            throw new WyomingProtocolException($"audio stream longer than Wyoming:MaxAudioSeconds ({_maxSeconds} s)", "too-long", fatal: false);
        // Chunk by chunk: the small error at each chunk's edges does not matter to the wake word.
        var x = Pcm.ToPipelineRate(mono, f.Rate);
        foreach (var s in x)
        {
            _partial[_fill++] = s;
            if (_fill < _partial.Length) continue;
            await _frames.Writer.WriteAsync((float[])_partial.Clone(), ct);
            _fill = 0;
        }
    }

    /// <summary>Ends the stream; true when a wake word was detected in it.</summary>
    public async Task<bool> EndAsync()
    {
        _frames.Writer.TryComplete();
        if (_run != null) await _run;
        return Volatile.Read(ref _detections) > 0;
    }

    public async ValueTask DisposeAsync()
    {
        _frames.Writer.TryComplete();
        _stop.Cancel();
        if (_run != null) { try { await _run; } catch (OperationCanceledException) { } }
        _fe.Wake -= OnWake;
        _pool.Return(_fe);
        _stop.Dispose();
    }

    sealed class ChannelSource(ChannelReader<float[]> frames) : IAudioSource
    {
        public string Name => "wyoming";
        public IAsyncEnumerable<float[]> ReadFramesAsync(CancellationToken ct = default) => frames.ReadAllAsync(ct);
    }
}
