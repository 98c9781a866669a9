using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.WakeWord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host.Pipeline;

/// <summary>
/// The always-listening loop of `edgevoice run`: microphone → wake word or button → pipeline. A wake
/// word or a button press while a reply plays stops the reply (barge-in). A broken microphone is
/// retried with a log line, never the end of the service.
/// </summary>
public sealed class VoiceLoopService(IServiceProvider services, IEventBus bus, AssistantControls controls,
    IHostApplicationLifetime lifetime, ServiceStatus status, LoopHeartbeat heartbeat, ILogger<VoiceLoopService> log) : BackgroundService
{
    /// <summary>Builds the command grammar and loads models before the first "hey jarvis", not after it.</summary>
    async Task WarmUp(CancellationToken ct)
    {
        try { await services.GetRequiredService<ISpeechToText>().TranscribeAsync(new AudioClip(new float[AudioClip.PipelineRate / 2]), ct); }
        catch (Exception e) when (e is not OperationCanceledException) { log.LogError("speech recogniser is not ready: {Message}", e.Message); }
    }

    /// <summary>
    /// The front end, or null and why it cannot start: its models are missing or broken. The service
    /// and `simulate --stream` both report that instead of crashing.
    /// </summary>
    internal static VoiceFrontEnd? FrontEnd(IServiceProvider services, out string problem)
    {
        problem = "";
        try { return services.GetRequiredService<VoiceFrontEnd>(); }
        catch (Exception e) when (e is ModelUnavailableException or FileNotFoundException or InvalidOperationException)
        {
            // The missing-file messages already say how to get the file; say it once.
            problem = $"wake word front end cannot start: {e.Message}" + (e.Message.Contains("setup.sh") ? "" : " (run scripts/setup.sh)");
            return null;
        }
    }

    public override Task StopAsync(CancellationToken ct)
    {
        status.Stopping();
        return base.StopAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await Task.Yield();
        var output = services.GetRequiredService<IAudioOutput>();
        var pipeline = services.GetRequiredService<VoicePipeline>();
        var followUps = services.GetRequiredService<FollowUps>();
        if (FrontEnd(services, out var problem) is not { } frontEnd)
        {
            log.LogCritical("{Problem}", problem);
            bus.Publish(new Notice("wake word models missing", IsError: true));
            status.Ready("not listening: wake word models missing (run scripts/setup.sh); see journalctl -u edgevoice");
            return;
        }
        await WarmUp(ct);
        frontEnd.Score += (_, _) => heartbeat.Frame();
        bool speaking = false;
        using var sub = bus.Subscribe(e =>
        {
            switch (e)
            {
                case StateChanged s: speaking = s.State == AssistantState.Speaking; break;
                case WakeDetected when speaking: output.Stop(); break;
                case ButtonPressed { Button: "mute" }: controls.Muted = !controls.Muted; log.LogInformation("microphone {State} by button", controls.Muted ? "muted" : "unmuted"); break;
                case ButtonPressed: output.Stop(); frontEnd.PushToTalk(); break;
            }
        });

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
                // A file read faster than real time waits for each reply, as in `simulate --stream`.
                bool lockstep = source is WavFileSource { Realtime: false };
                await foreach (var u in frontEnd.RunAsync(source, ct, lockstep))
                {
                    delay = TimeSpan.FromSeconds(1);
                    status.Status($"listening on {source.Name}; {++heard} command(s) since start-up of this source");
                    if (controls.Muted && u.Trigger == "wake") { u.Speech?.Dispose(); continue; }
                    heartbeat.UtteranceStarted();
                    UtteranceReport report;
                    try { report = await pipeline.ProcessAsync(u.Command, $"utt-{DateTime.Now:HHmmss}", ct, u.Speech); }
                    finally { heartbeat.UtteranceEnded(); }
                    // The pipeline ends on Idle, but a wake word during the reply may have started the next command.
                    if (frontEnd.Capturing) bus.Publish(new StateChanged(AssistantState.Listening));
                    log.LogInformation("{Trigger} at {Ms} ms: \"{Transcript}\" → {Intents} intent(s) in {Total} ms{Error}",
                        u.Trigger, u.WakeAtMs, report.Transcript, report.Intents.Count, report.TimingsMs.Total, report.Error is null ? "" : " — " + report.Error);
                    if (followUps.After(u, report, frontEnd, controls.Muted, lockstep))
                        log.LogInformation("listening for the answer without the wake word");
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
