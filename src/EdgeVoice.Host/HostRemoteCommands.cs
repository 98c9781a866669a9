using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Host.Pipeline;
using EdgeVoice.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host;

/// <summary>What `edgevoice/&lt;node&gt;/cmd/...` does on this device.</summary>
public sealed class HostRemoteCommands(
    ITextToSpeech tts, IAudioOutput output, VoicePipeline pipeline, UtteranceGuard guard,
    AssistantControls controls, AlsaMixer mixer, IConfiguration config, IEventBus bus, ILogger<HostRemoteCommands> log) : IRemoteCommandHandler
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
        await mixer.SetVolumeAsync(level, ct);
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
        var report = await pipeline.ProcessAsync(guard.Load(path), Path.GetFileNameWithoutExtension(path), ct);
        log.LogInformation("remote run_wav {Path}: \"{Transcript}\" → {Intents} intent(s), error: {Error}", path, report.Transcript, report.Intents.Count, report.Error ?? "none");
    }
}
