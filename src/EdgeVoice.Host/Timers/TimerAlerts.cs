using EdgeVoice.Core;
using EdgeVoice.Intents;
using EdgeVoice.Intents.Timers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host.Timers;

/// <summary>
/// The service's side of the device timers: speaks each that ends (through the reply voice and output),
/// then starts them, which announces the ones that ended while the service was down. Also compiles the
/// sentence templates in the background, so the first command does not wait for them.
/// </summary>
public sealed class TimerAlerts(DeviceTimers timers, IntentEngine engine, IEventBus bus, ITextToSpeech tts, IAudioOutput output,
    ILogger<TimerAlerts> log) : IHostedService
{
    IDisposable? _sub;
    Task _warm = Task.CompletedTask;

    public Task StartAsync(CancellationToken ct)
    {
        _sub = bus.Subscribe(e => { if (e is TimerFinished t) _ = SpeakAsync(t); });
        timers.Start();
        _warm = Task.Run(engine.WarmUp, CancellationToken.None);
        return Task.CompletedTask;
    }

    async Task SpeakAsync(TimerFinished t)
    {
        try
        {
            var clip = await tts.SynthesizeAsync(t.Message);
            bus.Publish(new StateChanged(AssistantState.Speaking));
            await output.PlayAsync(clip, "timer-" + t.Id);
        }
        catch (Exception e) { log.LogError("timer alert not spoken: {Message}", e.Message); }
        finally { bus.Publish(new StateChanged(AssistantState.Idle)); }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        _sub?.Dispose();
        // The host's shutdown timeout ends the wait, not the process: thrown from here it ended `edgevoice run` with 134.
        try { await _warm.WaitAsync(ct); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            log.LogWarning("stopping while the sentence templates still compile: not waiting for them");
        }
    }
}
