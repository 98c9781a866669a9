using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeVoice.WakeWord;

/// <summary>
/// The always-listening front end: every 80 ms frame goes through openWakeWord; after a wake word (or
/// <see cref="PushToTalk"/>) Silero VAD collects the command until the speaker stops. Wake words are
/// detected even while the consumer is busy (speaking a reply), and each one is published as
/// <see cref="WakeDetected"/> on the event bus so the host can stop playback (barge-in).
/// Audio before the wake word lives only in memory.
/// </summary>
public sealed class VoiceFrontEnd : IDisposable
{
    readonly WakeWordOptions _o;
    readonly IEventBus? _bus;
    readonly ILogger _log;
    readonly OpenWakeWord _wake;
    readonly SileroVad _vad;
    readonly CommandCapture _capture;
    readonly SpeechFeed _feed = new();
    readonly WakeGate _gate;
    readonly IWakeVerifier? _verifier;
    readonly WakeHead? _head;
    volatile Listen? _listen;
    volatile bool _capturing;
    long _streamMs;

    sealed record Listen(string Trigger, long FromMs);

    /// <summary>The trigger of a capture opened by <see cref="ListenForAnswer"/>.</summary>
    public const string FollowUp = "follow-up";

    /// <summary>
    /// The trained head the options name (Model or Head), or the default phrase's when present; null
    /// (pre-trained model alone) when none is named and the default is missing, or Head is "none".
    /// </summary>
    static WakeHead? LoadHead(WakeWordOptions o, string dir, ILogger log)
    {
        string? named = o.ModelIsHead ? o.Model : string.IsNullOrWhiteSpace(o.Head) ? null : o.Head;
        if (string.Equals(named, "none", StringComparison.OrdinalIgnoreCase)) return null;
        if (named != null) return WakeHead.Load(Path.IsPathRooted(named) ? named : Path.Combine(dir, named));
        var auto = WakeHead.DefaultPath(dir, o.Phrase);
        if (File.Exists(auto)) return WakeHead.Load(auto);
        log.LogWarning("no trained wake head at {Path} (build it with `edgevoice wake-train`): using the pre-trained {Model} alone", auto, o.Model);
        return null;
    }

    /// <param name="verifier">The second stage named by <see cref="WakeWordOptions.Verifier"/> (null only with "none"); loaded here and disposed with the front end.</param>
    public VoiceFrontEnd(WakeWordOptions options, string modelsDir, IEventBus? bus = null, ILogger<VoiceFrontEnd>? log = null, IWakeVerifier? verifier = null)
    {
        options.Validate();
        if (options.HasVerifier && verifier == null)
            throw new InvalidOperationException($"WakeWord:Verifier is '{options.Verifier}' but no verifier was provided (AddEdgeVoiceSpeech registers pocketsphinx; set WakeWord:Verifier to none to run without one)");
        if (options.HasVerifier && !string.Equals(verifier!.Name, options.Verifier, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"WakeWord:Verifier is '{options.Verifier}' but the registered verifier is '{verifier.Name}'");
        _bus = bus;
        _log = (ILogger?)log ?? NullLogger.Instance;
        var dir = options.ModelsDir ?? modelsDir;
        _head = LoadHead(options, dir, _log);
        _wake = new OpenWakeWord(Path.Combine(dir, "openwakeword"), _head != null ? null : options.Model);
        _vad = new SileroVad(Path.Combine(dir, "silero_vad_v5.onnx"));
        _capture = new CommandCapture(_vad, options);
        var gate = _head == null ? options : options.ForHead();
        _verifier = gate.HasVerifier ? verifier : null;
        if (_verifier == null) verifier?.Dispose();
        _verifier?.Load(options.Phrase);
        _gate = new WakeGate(gate, _verifier, _log);
        _o = gate;
    }

    /// <summary>What the threshold sees: "pretrained" (the openWakeWord classifier) or "head" (ours).</summary>
    public string Scoring => _head == null ? $"pretrained {_o.Model}" : "head";

    /// <summary>The two-stage decision (verifier counters and compute for benchmarks).</summary>
    public WakeGate Gate => _gate;

    public FrontEndStats Stats { get; } = new();

    /// <summary>Raised on every wake word (also published on the bus), from the audio thread.</summary>
    public event Action<WakeDetected>? Wake;

    /// <summary>Raised with every frame's wake score (diagnostics, benchmarks).</summary>
    public event Action<long, float>? Score;

    /// <summary>Raised with every frame's openWakeWord and verifier scores (benchmarks sweep thresholds on these).</summary>
    public event Action<WakeTrace>? Trace;

    /// <summary>
    /// When set, each command is also streamed to this recogniser while it is spoken, and handed on in
    /// <see cref="DetectedUtterance.Speech"/>: only the last frames are left to decode at the end.
    /// </summary>
    public IStreamingSpeechToText? Streaming { get; set; }

    /// <summary>Start listening for a command now, without a wake word (the button).</summary>
    public void PushToTalk() => _listen = new("button", 0);

    /// <summary>
    /// Listen once without a wake word, for the answer to a question the assistant has just asked, from
    /// <paramref name="fromMs"/> of the stream (0: the next frame). It ends as any command does, and is
    /// dropped when no speech starts within NoSpeechTimeoutMs. Ignored while a command is being captured.
    /// </summary>
    public void ListenForAnswer(long fromMs = 0) => _listen = new(FollowUp, fromMs);

    /// <summary>Stream time at the end of the last frame read, in ms.</summary>
    public long StreamMs => Interlocked.Read(ref _streamMs);

    /// <summary>A command is being captured (after a wake word, the button or a question).</summary>
    public bool Capturing => _capturing;

    /// <summary>
    /// Reads <paramref name="source"/> to its end (or cancellation) on a background task and yields each
    /// command. The consumer may take its time: detection keeps running meanwhile, unless
    /// <paramref name="lockstep"/> (a file as the microphone): then reading waits until the consumer asks
    /// for the next command, so what it does in between (<see cref="ListenForAnswer"/>) lands at a fixed place in the audio.
    /// </summary>
    public async IAsyncEnumerable<DetectedUtterance> RunAsync(IAudioSource source, [EnumeratorCancellation] CancellationToken ct = default, bool lockstep = false)
    {
        var ch = Channel.CreateUnbounded<DetectedUtterance>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var consumed = lockstep ? new SemaphoreSlim(0) : null;
        // Stopping the enumeration early (break, dispose) must also stop the capture loop.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loop = Task.Run(async () =>
        {
            try { await Loop(source, ch.Writer, consumed, stop.Token); ch.Writer.TryComplete(); }
            catch (Exception e) { ch.Writer.TryComplete(e); }
        }, CancellationToken.None);
        try
        {
            await foreach (var u in ch.Reader.ReadAllAsync(CancellationToken.None))
            {
                yield return u;
                consumed?.Release();
            }
        }
        finally
        {
            stop.Cancel();
            await loop;
        }
    }

    async Task Loop(IAudioSource source, ChannelWriter<DetectedUtterance> output, SemaphoreSlim? consumed, CancellationToken ct)
    {
        if (_verifier == null)
            _log.LogInformation("listening on {Source} for '{Phrase}' ({Scoring} score, threshold {Threshold}, no verifier)", source.Name, _o.Phrase, Scoring, _o.Threshold);
        else
            _log.LogInformation("listening on {Source} for '{Phrase}' ({Scoring} score, candidates from {Candidate}, {Verifier} verifier threshold {VerifierThreshold})",
                source.Name, _o.Phrase, Scoring, _o.CandidateThreshold, _verifier.Name, _o.VerifierThreshold);
        _wake.Reset();
        _gate.Reset();
        _capturing = false;
        _listen = null; // a window asked for in an earlier run's stream time
        var dc = new DcBlocker();
        long frame = 0, refractoryUntil = 0, wakeAt = 0, captureFrom = 0;
        int skip = 0;
        string? trigger = null;
        double wakeScore = 0;
        ISpeechStream? speech = null;
        var sw = new Stopwatch();
        try
        {
            await foreach (var raw in source.ReadFramesAsync(ct))
            {
                if (raw.Length != AudioFrames.Samples) throw new InvalidDataException($"{source.Name}: frame of {raw.Length} samples, expected {AudioFrames.Samples}");
                var x = (float[])raw.Clone();
                dc.Process(x);
                long endMs = (frame + 1) * AudioFrames.Ms;
                frame++;
                Interlocked.Exchange(ref _streamMs, endMs);
                Stats.Frames++;

                sw.Restart();
                float pre = _wake.Process(x);
                float score = _head == null ? pre : _wake.WindowReady ? _head.Score(_wake.Window) : 0;
                Stats.WakeCompute += sw.Elapsed;
                Score?.Invoke(endMs, score);
                bool wake = _gate.Step(x, score, endMs, endMs < refractoryUntil);
                Trace?.Invoke(new WakeTrace(endMs, score, _gate.VerifierScore));

                if (wake)
                {
                    refractoryUntil = endMs + _o.RefractoryMs;
                    Stats.WakeDetections++;
                    var e = new WakeDetected(_o.Phrase, score, endMs);
                    _log.LogInformation("wake word '{Phrase}' at {Ms} ms (score {Score:F2}, verifier {Verifier:F0})", _o.Phrase, endMs, score, _gate.VerifierScore);
                    Wake?.Invoke(e);
                    _bus?.Publish(e);
                    if (trigger == null)
                    {
                        // The head fires as the phrase ends, sometimes a frame before its last sound has faded, and
                        // that sound in front of a command can turn its first word into another: its commands start a frame later.
                        skip = _head != null ? 1 : 0;
                        trigger = "wake"; wakeAt = endMs; captureFrom = endMs + skip * AudioFrames.Ms; wakeScore = score; speech = StartCapture(); continue;
                    }
                }
                if (_listen is { } listen && endMs > listen.FromMs)
                {
                    _listen = null;
                    if (trigger == null) { trigger = listen.Trigger; wakeAt = captureFrom = endMs; skip = 0; wakeScore = 1; speech = StartCapture(); continue; }
                }
                if (trigger == null) continue;
                if (skip > 0) { skip--; continue; }

                sw.Restart();
                _capture.Add(x);
                Stats.VadCompute += sw.Elapsed;
                _feed.Add(x, _capture.SpeechEndMs, speech);
                if (_capture.Status == CommandCapture.State.Listening) continue;
                var u = Complete(trigger, wakeAt, captureFrom, wakeScore, speech);
                speech = null;
                trigger = null;
                refractoryUntil = Math.Max(refractoryUntil, endMs + 300);
                if (u == null) continue;
                output.TryWrite(u);
                if (consumed != null) await consumed.WaitAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { speech?.Dispose(); return; }
        catch
        {
            // A microphone that fails mid-command: the recogniser's decoders are released for the next one.
            speech?.Dispose();
            throw;
        }
        if (trigger != null)
        {
            _capture.Finish();
            var u = Complete(trigger, wakeAt, captureFrom, wakeScore, speech);
            if (u != null) output.TryWrite(u);
        }
    }

    ISpeechStream? StartCapture()
    {
        _capture.Start();
        _feed.Start();
        _capturing = true;
        _bus?.Publish(new StateChanged(AssistantState.Listening));
        return Streaming?.Begin();
    }

    DetectedUtterance? Complete(string trigger, long wakeAt, long captureFrom, double score, ISpeechStream? speech)
    {
        _capturing = false;
        _feed.End(speech);
        var u = Complete(trigger, wakeAt, captureFrom, score);
        if (u is null) { speech?.Dispose(); _bus?.Publish(new StateChanged(AssistantState.Idle)); }
        return u is null ? null : u with { Speech = speech };
    }

    DetectedUtterance? Complete(string trigger, long wakeAt, long captureFrom, double score)
    {
        if (_capture.Status == CommandCapture.State.NoSpeech)
        {
            Stats.DroppedNoSpeech++;
            _log.LogInformation("no command after {Trigger} at {Ms} ms", trigger, wakeAt);
            return null;
        }
        if (_capture.SpeechMs < _o.MinSpeechMs)
        {
            Stats.DroppedTooShort++;
            _log.LogInformation("command after {Trigger} at {Ms} ms too short ({Speech} ms of speech)", trigger, wakeAt, _capture.SpeechMs);
            return null;
        }
        var clip = new AudioClip(_capture.Audio());
        string? saved = null;
        if (_o.KeepCommandAudio)
        {
            saved = Path.Combine(_o.CommandAudioDir, $"command-{DateTime.UtcNow:yyyyMMddTHHmmss}-{wakeAt}.wav");
            try { WavWriter.Write(saved, clip); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { _log.LogWarning("cannot keep command audio in {Dir}: {Error}", _o.CommandAudioDir, e.Message); saved = null; }
        }
        var u = new DetectedUtterance(wakeAt, captureFrom + _capture.SpeechEndMs, clip, trigger) { Score = score, EndReason = _capture.EndReason, SavedPath = saved };
        _log.LogInformation("command {Trigger} {From}-{To} ms ({Reason})", trigger, u.WakeAtMs, u.SpeechEndMs, u.EndReason);
        return u;
    }

    public void Dispose() { _wake.Dispose(); _vad.Dispose(); _verifier?.Dispose(); }
}
