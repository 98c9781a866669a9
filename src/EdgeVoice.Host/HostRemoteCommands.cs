using System.Diagnostics;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Host.Pipeline;
using EdgeVoice.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host;

/// <summary>Mute and volume shared by the listening loop, the remote commands and the button.</summary>
public sealed class AssistantControls
{
    public volatile bool Muted;
    public int Volume { get; set; } = 70;
}

/// <summary>What `edgevoice/&lt;node&gt;/cmd/...` does on this device.</summary>
public sealed class HostRemoteCommands(
    ITextToSpeech tts, IAudioOutput output, VoicePipeline pipeline, UtteranceGuard guard,
    AssistantControls controls, IConfiguration config, IEventBus bus, ILogger<HostRemoteCommands> log) : IRemoteCommandHandler
{
    public async Task SayAsync(string text, CancellationToken ct)
    {
        bus.Publish(new StateChanged(AssistantState.Speaking));
        try { await output.PlayAsync(await tts.SynthesizeAsync(text, ct), "say-" + DateTime.UtcNow.ToString("HHmmss"), ct); }
        finally { bus.Publish(new StateChanged(AssistantState.Idle)); }
    }

    public Task SetMutedAsync(bool muted, CancellationToken ct)
    {
        controls.Muted = muted;
        log.LogInformation("microphone {State} by remote command", muted ? "muted" : "unmuted");
        bus.Publish(new Notice(muted ? "muted" : "unmuted"));
        return Task.CompletedTask;
    }

    public async Task SetVolumeAsync(int level, CancellationToken ct)
    {
        controls.Volume = level;
        var mixer = config["Audio:MixerControl"] ?? "Master";
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

    public Task ReloadAsync(CancellationToken ct)
    {
        if (config is IConfigurationRoot root) root.Reload();
        log.LogInformation("configuration reloaded by remote command");
        return Task.CompletedTask;
    }

    public async Task RunWavAsync(string path, CancellationToken ct)
    {
        // Muted means no command is acted on, whether spoken or sent as a recording.
        if (controls.Muted) throw new RemoteCommandException("the assistant is muted: run_wav is refused until it is unmuted");
        var report = await pipeline.ProcessAsync(guard.Check(AudioConvert.Load(path), path), Path.GetFileNameWithoutExtension(path), ct);
        log.LogInformation("remote run_wav {Path}: \"{Transcript}\" → {Intents} intent(s), error: {Error}", path, report.Transcript, report.Intents.Count, report.Error ?? "none");
    }
}
