using System.Collections.Concurrent;
using EdgeVoice.WakeWord;

namespace EdgeVoice.Wyoming;

/// <summary>
/// Front ends for `detect` requests, reused between requests. Each holds its own wake and VAD model
/// sessions, so their number is capped (Wyoming:MaxWakeSessions).
/// </summary>
public sealed class WakeDetectors(Func<VoiceFrontEnd> create, int max, string phrase) : IDisposable
{
    readonly ConcurrentBag<VoiceFrontEnd> _idle = [];
    readonly ConcurrentBag<VoiceFrontEnd> _all = [];
    int _created;

    /// <summary>The wake phrase, e.g. "hey jarvis".</summary>
    public string Phrase { get; } = phrase;
    /// <summary>The name Home Assistant uses, e.g. "hey_jarvis".</summary>
    public string Name => Phrase.Trim().ToLowerInvariant().Replace(' ', '_');

    public bool Matches(string name) => string.Equals(name.Trim().Replace(' ', '_'), Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>A free front end, or null when <c>max</c> are in use.</summary>
    public VoiceFrontEnd? Rent()
    {
        if (_idle.TryTake(out var fe)) return fe;
        if (Interlocked.Increment(ref _created) > max) { Interlocked.Decrement(ref _created); return null; }
        try { fe = create(); }
        catch { Interlocked.Decrement(ref _created); throw; }
        _all.Add(fe);
        return fe;
    }

    public void Return(VoiceFrontEnd fe) => _idle.Add(fe);

    public void Dispose() { foreach (var fe in _all) fe.Dispose(); }
}
