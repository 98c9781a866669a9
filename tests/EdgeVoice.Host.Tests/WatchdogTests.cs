using EdgeVoice.Host.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Host.Tests;

/// <summary>When the voice loop counts as alive for systemd's watchdog, on a clock the tests move.</summary>
public sealed class WatchdogTests
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    readonly ManualTime _time = new();
    readonly LoopHeartbeat _beat;

    public WatchdogTests() => _beat = new(_time, Options.Create(new ServiceOptions { MaxUtteranceSeconds = 120 }));

    [Fact]
    public void Start_up_before_the_loop_listens_is_not_the_watchdogs_business()
    {
        _time.Advance(600_000);
        Assert.Null(_beat.Stuck(Interval));
    }

    [Fact]
    public void Frames_flowing_keep_the_loop_healthy()
    {
        _beat.Listening("alsa:plughw:1");
        for (int i = 0; i < 1000; i++) { _time.Advance(80); _beat.Frame(); }
        _time.Advance(30_000);
        Assert.Null(_beat.Stuck(Interval));
    }

    [Fact]
    public void No_frames_for_longer_than_the_interval_is_a_hang_naming_the_source()
    {
        _beat.Listening("alsa:plughw:1");
        _beat.Frame();
        _time.Advance(45_000);
        Assert.Equal("voice loop has consumed no audio for 45 s while listening on alsa:plughw:1", _beat.Stuck(Interval));
    }

    [Fact]
    public void An_utterance_in_the_pipeline_is_progress_up_to_its_bound()
    {
        _beat.Listening("alsa:plughw:1");
        _beat.UtteranceStarted();
        _time.Advance(110_000);
        Assert.Null(_beat.Stuck(Interval));
        _time.Advance(15_000);
        _beat.Frame(); // the front end still runs: the pipeline is what hangs
        Assert.Equal("one utterance has been in the pipeline for 125 s (Service:MaxUtteranceSeconds is 120)", _beat.Stuck(Interval));
        _beat.UtteranceEnded();
        Assert.Null(_beat.Stuck(Interval));
        _time.Advance(31_000);
        Assert.Contains("no audio for 31 s", _beat.Stuck(Interval));
    }

    [Fact]
    public void Waiting_to_retry_the_microphone_is_healthy_until_the_delay_and_an_interval_are_over()
    {
        _beat.Listening("alsa:plughw:1");
        _time.Advance(5_000);
        _beat.Waiting(TimeSpan.FromSeconds(30));
        _time.Advance(59_000);
        Assert.Null(_beat.Stuck(Interval));
        _time.Advance(2_000);
        Assert.Contains("no audio for 31 s", _beat.Stuck(Interval));
    }

    [Fact]
    public void The_watchdog_is_on_as_sd_watchdog_enabled_says()
    {
        static TimeSpan? Interval(int pid, params string[] vars)
        {
            var env = vars.Select(v => v.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);
            return WatchdogService.Interval(env.GetValueOrDefault, pid);
        }
        Assert.Equal(TimeSpan.FromSeconds(30), Interval(42, "WATCHDOG_USEC=30000000"));
        Assert.Equal(TimeSpan.FromSeconds(30), Interval(42, "WATCHDOG_USEC=30000000", "WATCHDOG_PID=42"));
        Assert.Null(Interval(42, "WATCHDOG_USEC=30000000", "WATCHDOG_PID=7")); // inherited from the process systemd started
        Assert.Null(Interval(42));
        Assert.Null(Interval(42, "WATCHDOG_USEC=0"));
        Assert.Null(Interval(42, "WATCHDOG_USEC=soon"));
    }

    [Fact]
    public void Pings_stop_while_the_loop_is_stuck_with_one_warning_and_resume_after()
    {
        var n = new NotifyRecorder(enabled: true);
        var log = new ListLogger();
        var watchdog = new WatchdogService(new ServiceStatus(n), _beat, _time, log.Factory().CreateLogger<WatchdogService>());
        _beat.Listening("alsa:plughw:1");
        watchdog.Tick(Interval);
        Assert.Equal(["WATCHDOG=1"], n.Sent);

        _time.Advance(45_000);
        for (int i = 0; i < 3; i++) watchdog.Tick(Interval);
        Assert.Single(n.Sent);
        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning).Text;
        Assert.Equal("voice loop has consumed no audio for 45 s while listening on alsa:plughw:1; withholding the watchdog ping so systemd restarts the service", warning);

        _beat.Frame();
        watchdog.Tick(Interval);
        Assert.Equal(2, n.Sent.Count);
        Assert.Equal(1, log.Count(LogLevel.Information, "pings resume"));
    }
}
