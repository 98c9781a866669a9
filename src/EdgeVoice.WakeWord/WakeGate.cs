using System.Diagnostics;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.WakeWord;

/// <summary>One frame's wake decision inputs (diagnostics, benchmarks): the head's or the pre-trained classifier's score, verifier score NaN when no check ran.</summary>
public readonly record struct WakeTrace(long Ms, float Score, double Verifier);

/// <summary>
/// Decides per 80 ms frame whether openWakeWord's score is a wake word. Without a verifier: the score
/// reaches <see cref="WakeWordOptions.Threshold"/>. With one: once the score reaches
/// <see cref="WakeWordOptions.CandidateThreshold"/> a check starts on the last
/// <see cref="WakeWordOptions.VerifierWindowMs"/> of audio (an in-memory ring, never written anywhere)
/// and follows the audio frame by frame. A wake is a frame whose score s is at the candidate threshold c
/// and whose verifier score reaches <see cref="WakeWordOptions.VerifierThreshold"/> − 
/// <see cref="WakeWordOptions.VerifierSlope"/> × (s − c): the surer openWakeWord is, the less the
/// verifier must add. The check stops when the score stays under the candidate threshold for
/// <see cref="DisarmFrames"/> frames, after <see cref="MaxCheckMs"/>, or on a wake.
/// </summary>
public sealed class WakeGate
{
    public const int DisarmFrames = 3;
    public const int MaxCheckMs = 2400;
    readonly WakeWordOptions _o;
    readonly IWakeVerifier? _verifier;
    readonly ILogger _log;
    readonly float[] _ring;
    readonly Stopwatch _sw = new();
    TimeSpan _lastCall;
    bool _armed;
    int _quiet;
    long _armedAt;
    double _verifierScore = double.NaN;
    float _bestScore;

    public WakeGate(WakeWordOptions options, IWakeVerifier? verifier, ILogger log)
    {
        _o = options;
        _verifier = verifier;
        _log = log;
        _ring = new float[verifier == null ? 0 : options.VerifierWindowMs * 16];
    }

    /// <summary>Verifier time on the audio thread (benchmarks).</summary>
    public TimeSpan VerifierCompute { get; private set; }
    /// <summary>Longest single verifier call: what a check can add to the wake latency (benchmarks).</summary>
    public TimeSpan VerifierLongestCall { get; private set; }
    /// <summary>Verifier time on each frame that completed a wake (the first 10 000): what the second stage added to that wake's latency (benchmarks).</summary>
    public List<double> DecidingCallMs { get; } = [];
    public long Checks { get; private set; }
    public long Rejected { get; private set; }

    /// <summary>The last frame's verifier score (NaN when no check ran on it).</summary>
    public double VerifierScore { get; private set; } = double.NaN;

    public void Reset() { Stop(); Array.Clear(_ring); }

    /// <summary>Feeds one frame and its openWakeWord score; true when it completes a wake word.</summary>
    public bool Step(float[] frame, float score, long endMs, bool refractory)
    {
        VerifierScore = double.NaN;
        if (_verifier == null) return !refractory && score >= _o.Threshold;
        _ring.AsSpan(frame.Length).CopyTo(_ring);
        frame.CopyTo(_ring.AsSpan(_ring.Length - frame.Length));
        if (refractory) { Stop(); return false; }

        if (!_armed)
        {
            if (score < _o.CandidateThreshold) return false;
            _armed = true;
            _armedAt = endMs;
            _quiet = 0;
            _bestScore = 0;
            Checks++;
            _verifierScore = Timed(() => _verifier.Start(_ring));
            _log.LogDebug("wake candidate at {Ms} ms: score {Score:F2}, verifier {Verifier:F0}", endMs, score, _verifierScore);
        }
        else _verifierScore = Timed(() => _verifier.Continue(frame));
        VerifierScore = _verifierScore;

        _bestScore = Math.Max(_bestScore, score);
        _quiet = score < _o.CandidateThreshold ? _quiet + 1 : 0;
        if (Accepts(_o, score, _verifierScore))
        {
            if (DecidingCallMs.Count < 10_000) DecidingCallMs.Add(_lastCall.TotalMilliseconds);
            Stop();
            return true;
        }
        if (_quiet >= DisarmFrames || endMs - _armedAt >= MaxCheckMs)
        {
            Rejected++;
            // Information only when openWakeWord alone would have woken: these are the interesting ones.
            _log.LogInformation("wake candidate at {Ms} ms rejected by the {Verifier} verifier: best score {Score:F2}, verifier {Value:F0} (needed {Needed:F0} at that score)",
                _armedAt, _verifier.Name, _bestScore, _verifierScore, Needed(_o, _bestScore));
            Stop();
        }
        return false;
    }

    /// <summary>The two-stage rule for one frame of a running check (also replayed by the bench sweep).</summary>
    public static bool Accepts(WakeWordOptions o, float score, double verifier) =>
        score >= o.CandidateThreshold && verifier >= Needed(o, score);

    /// <summary>The verifier score a candidate with this openWakeWord score needs.</summary>
    public static double Needed(WakeWordOptions o, double score) => o.VerifierThreshold - o.VerifierSlope * (score - o.CandidateThreshold);

    double Timed(Func<double> f)
    {
        _sw.Restart();
        var v = f();
        var t = _lastCall = _sw.Elapsed;
        VerifierCompute += t;
        if (t > VerifierLongestCall) VerifierLongestCall = t;
        return v;
    }

    void Stop()
    {
        if (_armed) _verifier?.Stop();
        _armed = false;
        _verifierScore = double.NaN;
    }
}
