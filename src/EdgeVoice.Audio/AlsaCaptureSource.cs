using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace EdgeVoice.Audio;

/// <summary>
/// Microphone capture through ALSA's <c>arecord</c> (alsa-utils): S16_LE, 16 kHz, all channels of the
/// card, reduced to mono by the <see cref="ChannelSelector"/>. A process keeps the native surface tiny
/// and survives driver hiccups by simply restarting.
/// </summary>
public sealed class AlsaCaptureSource(string device, ChannelSelector selector) : IAudioSource
{
    public string Name => "alsa:" + device;

    public static string[] Arguments(string device, int channels) =>
        ["-q", "-D", device, "-f", "S16_LE", "-r", "16000", "-c", channels.ToString(), "-t", "raw"];

    public async IAsyncEnumerable<float[]> ReadFramesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo("arecord") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in Arguments(device, selector.Channels)) psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi) ?? throw new InvalidOperationException("arecord did not start"); }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException("arecord not found: apt-get install alsa-utils", e); }
        using var _ = p;
        var err = p.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await foreach (var f in RawPcmSource.ReadAsync(p.StandardOutput.BaseStream, selector, ct)) yield return f;
        }
        finally
        {
            if (!p.HasExited) p.Kill();
        }
        await p.WaitForExitAsync(CancellationToken.None);
        if (!ct.IsCancellationRequested && p.ExitCode != 0)
            throw new InvalidOperationException($"arecord -D {device} failed ({p.ExitCode}): {(await err).Trim()}");
    }
}
