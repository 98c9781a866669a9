using System.Diagnostics;
using EdgeVoice.Core;

namespace EdgeVoice.Audio;

/// <summary>
/// Speaker output through ALSA's <c>aplay</c>, fed a WAV on stdin. <see cref="Stop"/> kills the player at
/// once so a wake word during a reply (barge-in) silences it immediately.
/// </summary>
/// <param name="player">The aplay binary (a stand-in in tests).</param>
public sealed class AlsaOutput(string device, string player = "aplay") : IAudioOutput
{
    readonly object _gate = new();
    Process? _current;

    public async Task<string?> PlayAsync(AudioClip clip, string utteranceId, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo(player) { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false }.WithoutSecrets();
        foreach (var a in new[] { "-q", "-D", device, "-t", "wav", "-" }) psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi) ?? throw new InvalidOperationException("aplay did not start"); }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException($"{player} not found: apt-get install alsa-utils", e); }
        using var _ = p;
        lock (_gate) { _current?.Kill(); _current = p; }
        using var reg = ct.Register(Stop);
        try
        {
            await using (var stdin = p.StandardInput.BaseStream) await stdin.WriteAsync(WavWriter.ToBytes(clip), ct);
        }
        catch (IOException) { } // player killed by Stop()
        await p.WaitForExitAsync(CancellationToken.None);
        lock (_gate) if (_current == p) _current = null;
        return null;
    }

    public void Stop()
    {
        lock (_gate)
        {
            try { if (_current is { HasExited: false }) _current.Kill(); }
            catch (InvalidOperationException) { } // already gone
        }
    }
}
