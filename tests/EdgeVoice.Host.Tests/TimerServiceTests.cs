using EdgeVoice.Core;
using EdgeVoice.Host.Timers;
using EdgeVoice.Intents.Timers;
using EdgeVoice.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeVoice.Host.Tests;

/// <summary>Device timers in the service: kept in an owner-only file, spoken when they end, also after a restart.</summary>
public sealed class TimerServiceTests
{
    sealed class Voice : ITextToSpeech, IAudioOutput
    {
        public List<string> Said { get; } = [];
        public Task<AudioClip> SynthesizeAsync(string text, CancellationToken ct = default)
        {
            lock (Said) Said.Add(text);
            return Task.FromResult(new AudioClip(new float[160]));
        }
        public Task<string?> PlayAsync(AudioClip clip, string utteranceId, CancellationToken ct = default) => Task.FromResult<string?>(null);
        public void Stop() { }
    }

    [Fact]
    public void The_file_is_private_written_whole_and_read_back()
    {
        var path = Path.Combine(Repo.TempDir("timers"), "timers.json");
        var store = new FileTimerStore(path);
        Assert.Empty(store.Load());
        var t = new TimerEntry("a1", "pizza", "kitchen", 600, new DateTimeOffset(2026, 12, 4, 15, 10, 0, TimeSpan.Zero), null);
        var p = t with { Id = "b2", Name = null, EndsAt = null, PausedLeft = TimeSpan.FromSeconds(42) };
        store.Save([t, p]);
        Assert.Equal([t, p], store.Load());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public async Task A_timer_that_ended_while_the_service_was_down_is_spoken_once_at_start()
    {
        var path = Path.Combine(Repo.TempDir("timers"), "timers.json");
        var clock = new StepClock(new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.Zero));
        using (var before = new DeviceTimers(clock, new FileTimerStore(path), NullLogger<DeviceTimers>.Instance))
        {
            before.Add(TimeSpan.FromMinutes(5), null, null);
            before.Add(TimeSpan.FromMinutes(30), "pizza", null);
        }
        clock.Advance(TimeSpan.FromMinutes(6));
        var voice = new Voice();
        var bus = new EventBus();
        using var engine = Engines.Create();
        using var timers = new DeviceTimers(clock, new FileTimerStore(path), NullLogger<DeviceTimers>.Instance, bus);
        var alerts = new TimerAlerts(timers, engine, bus, voice, voice, NullLogger<TimerAlerts>.Instance);
        await alerts.StartAsync(default);
        clock.Advance(TimeSpan.FromMinutes(30));
        await alerts.StopAsync(default);
        Assert.Equal(["Your 5 minute timer finished while I was off.", "Your pizza timer is done."], voice.Said);
        Assert.Empty(new FileTimerStore(path).Load());
    }

    [Fact]
    public async Task Stopping_while_the_templates_compile_ends_the_wait_at_the_hosts_timeout_without_an_error()
    {
        var bus = new EventBus();
        var voice = new Voice();
        using var engine = Engines.Create(o: new() { TemplateCompileWaitsForFirstUtterance = true }); // the compile is held
        using var timers = new DeviceTimers(TimeProvider.System, new FileTimerStore(Path.Combine(Repo.TempDir("timers"), "timers.json")),
            NullLogger<DeviceTimers>.Instance, bus);
        var alerts = new TimerAlerts(timers, engine, bus, voice, voice, NullLogger<TimerAlerts>.Instance);
        await alerts.StartAsync(default);
        // The host's shutdown timeout has passed: an exception here ended the process with 134 (session 15's first CI run).
        await alerts.StopAsync(new CancellationToken(canceled: true));
        await engine.RecognizeAsync("turn on the kettle"); // lets the held compile finish
    }
}
