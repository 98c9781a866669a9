using System.Runtime.CompilerServices;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.WakeWord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host.Pipeline;

/// <summary>
/// Wake word or button → command → pipeline, over one audio source: the service runs it on the
/// microphone, `simulate --stream` on a recording. A wake word or a button press while a reply plays
/// stops the reply (barge-in).
/// </summary>
public sealed class VoiceLoop(IServiceProvider services, VoicePipeline pipeline, FollowUps followUps, IAudioOutput output,
    IEventBus bus, AssistantControls controls, ILogger<VoiceLoop> log, LoopHeartbeat? heartbeat = null)
{
    /// <summary>
    /// The front end, or null and why it cannot start: its models are missing or broken. The service
    /// and `simulate --stream` both report that instead of crashing.
    /// </summary>
    public VoiceFrontEnd? FrontEnd(out string problem)
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

    /// <summary>Listens until <paramref name="source"/> ends; one report per command, after its reply.</summary>
    /// <param name="utteranceId">Names the n-th command (1, 2, ...) in logs and reply files.</param>
    public async IAsyncEnumerable<UtteranceReport> RunAsync(VoiceFrontEnd frontEnd, IAudioSource source, Func<int, string> utteranceId,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
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
        // A file read faster than real time waits for each reply: an answer window opens where the spoken reply would end.
        bool lockstep = source is WavFileSource { Realtime: false };
        int n = 0;
        await foreach (var u in frontEnd.RunAsync(source, ct, lockstep))
        {
            if (controls.Muted && u.Trigger == "wake") { u.Speech?.Dispose(); continue; }
            heartbeat?.UtteranceStarted();
            UtteranceReport report;
            try { report = await pipeline.ProcessAsync(u.Command, utteranceId(++n), ct, u.Speech); }
            finally { heartbeat?.UtteranceEnded(); }
            report.WakeAtMs = u.WakeAtMs;
            report.SpeechEndMs = u.SpeechEndMs;
            report.Trigger = u.Trigger;
            // The pipeline ends on Idle, but a wake word during the reply may have started the next command.
            if (frontEnd.Capturing) bus.Publish(new StateChanged(AssistantState.Listening));
            log.LogInformation("{Trigger} at {Ms} ms: \"{Transcript}\" → {Intents} intent(s) in {Total} ms{Error}",
                u.Trigger, u.WakeAtMs, report.Transcript, report.Intents.Count, report.TimingsMs.Total, report.Error is null ? "" : " — " + report.Error);
            if (followUps.After(u, report, frontEnd, controls.Muted, lockstep))
                log.LogInformation("listening for the answer without the wake word");
            yield return report;
        }
    }
}
