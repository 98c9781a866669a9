using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.WakeWord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host.Pipeline;

/// <summary>
/// The always-listening service of `edgevoice run`: the <see cref="VoiceLoop"/> on the microphone, with
/// systemd status and the watchdog's heartbeat. A broken microphone is retried with a log line, never the
/// end of the service.
/// </summary>
public sealed class VoiceLoopService(IServiceProvider services, IEventBus bus,
    IHostApplicationLifetime lifetime, ServiceStatus status, LoopHeartbeat heartbeat, ILogger<VoiceLoopService> log) : BackgroundService
{
    /// <summary>Builds the command grammar and loads models before the first "hey jarvis", not after it.</summary>
    async Task WarmUp(CancellationToken ct)
    {
        try { await services.GetRequiredService<ISpeechToText>().TranscribeAsync(new AudioClip(new float[AudioClip.PipelineRate / 2]), ct); }
        catch (Exception e) when (e is not OperationCanceledException) { log.LogError("speech recogniser is not ready: {Message}", e.Message); }
    }

    public override Task StopAsync(CancellationToken ct)
    {
        status.Stopping();
        return base.StopAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await Task.Yield();
        var loop = services.GetRequiredService<VoiceLoop>();
        if (loop.FrontEnd(out var problem) is not { } frontEnd)
        {
            log.LogCritical("{Problem}", problem);
            bus.Publish(new Notice("wake word models missing", IsError: true));
            status.Ready("not listening: wake word models missing (run scripts/setup.sh); see journalctl -u edgevoice");
            return;
        }
        await WarmUp(ct);
        frontEnd.Score += (_, _) => heartbeat.Frame();

        var delay = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var source = services.GetRequiredService<IAudioSource>();
                log.LogInformation("listening on {Source}", source.Name);
                bus.Publish(new StateChanged(AssistantState.Idle));
                status.Ready($"listening on {source.Name}");
                heartbeat.Listening(source.Name);
                int heard = 0;
                await foreach (var _ in loop.RunAsync(frontEnd, source, _ => $"utt-{DateTime.Now:HHmmss}", ct))
                {
                    delay = TimeSpan.FromSeconds(1);
                    status.Status($"listening on {source.Name}; {++heard} command(s) since start-up of this source");
                }
                if (source is WavFileSource)
                {
                    // A WAV file as the microphone (Audio:Input=wav) is a finite test run, not a device.
                    log.LogInformation("input file {Source} ended; stopping", source.Name);
                    lifetime.StopApplication();
                    return;
                }
                log.LogWarning("audio source ended; restarting it");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                log.LogError("microphone failed: {Message}; retrying in {Delay} s", e.Message, delay.TotalSeconds);
                status.Ready($"microphone failed, retrying every {delay.TotalSeconds:F0} s: {e.Message}");
                bus.Publish(new Notice("microphone failed", IsError: true));
            }
            heartbeat.Waiting(delay);
            await Task.Delay(delay, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
        }
    }
}
