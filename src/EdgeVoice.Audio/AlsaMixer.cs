using System.Diagnostics;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Audio;

/// <summary>Output volume through ALSA's `amixer` (alsa-utils). A missing or failing mixer is logged, never thrown.</summary>
public sealed class AlsaMixer(IOptionsMonitor<AudioOptions> options, ILogger<AlsaMixer> log)
{
    public async Task SetVolumeAsync(int level, CancellationToken ct)
    {
        var mixer = options.CurrentValue.MixerControl;
        try
        {
            var psi = new ProcessStartInfo("amixer") { RedirectStandardOutput = true, RedirectStandardError = true }.WithoutSecrets();
            foreach (var a in new[] { "-q", "sset", mixer, $"{level}%" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            await p.WaitForExitAsync(ct);
            if (p.ExitCode != 0) log.LogWarning("amixer could not set {Mixer} to {Level}%: {Error}", mixer, level, (await p.StandardError.ReadToEndAsync(ct)).Trim());
        }
        catch (System.ComponentModel.Win32Exception) { log.LogWarning("volume {Level}% noted; amixer is not installed (alsa-utils)", level); }
    }
}
