using System.Diagnostics;
using System.Runtime.CompilerServices;
using EdgeVoice.Core;

namespace EdgeVoice.Audio;

/// <summary>
/// Microphone capture through ALSA's <c>arecord</c> (alsa-utils): S16_LE, 16 kHz, all channels of the
/// card, reduced to mono by the <see cref="ChannelSelector"/>. A process keeps the native surface tiny
/// and survives driver hiccups by simply restarting.
/// </summary>
/// <param name="recorder">The arecord binary (a stand-in in tests).</param>
/// <param name="stallTimeout">
/// A USB microphone or HAT driver can stop delivering while arecord stays alive and silent: with no
/// audio for this long the recorder is killed and the read fails, so the voice loop restarts it instead
/// of listening to nothing for ever. Default 5 s.
/// </param>
public sealed class AlsaCaptureSource(string device, ChannelSelector selector, string recorder = "arecord", TimeSpan? stallTimeout = null) : IAudioSource
{
    readonly TimeSpan _stall = stallTimeout ?? TimeSpan.FromSeconds(5);

    public string Name => "alsa:" + device;

    public static string[] Arguments(string device, int channels) =>
        ["-q", "-D", device, "-f", "S16_LE", "-r", "16000", "-c", channels.ToString(), "-t", "raw"];

    public async IAsyncEnumerable<float[]> ReadFramesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo(recorder) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false }.WithoutSecrets();
        foreach (var a in Arguments(device, selector.Channels)) psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi) ?? throw new InvalidOperationException("arecord did not start"); }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException($"{recorder} not found: apt-get install alsa-utils", e); }
        using var _ = p;
        var err = p.StandardError.ReadToEndAsync(CancellationToken.None);
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stalled.CancelAfter(_stall);
        var frames = RawPcmSource.ReadAsync(p.StandardOutput.BaseStream, selector, stalled.Token).GetAsyncEnumerator();
        try
        {
            while (true)
            {
                bool more;
                try { more = await frames.MoveNextAsync(); }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new InvalidOperationException($"{recorder} -D {device} delivered no audio for {_stall.TotalSeconds:F0} s (device stalled or unplugged?)");
                }
                if (!more) break;
                stalled.CancelAfter(_stall);
                yield return frames.Current;
            }
        }
        finally
        {
            await frames.DisposeAsync();
            if (!p.HasExited) p.Kill();
        }
        await p.WaitForExitAsync(CancellationToken.None);
        if (!ct.IsCancellationRequested && p.ExitCode != 0)
            throw new InvalidOperationException($"{recorder} -D {device} failed ({p.ExitCode}): {(await err).Trim()}");
    }
}
