using EdgeVoice.Host.Pipeline;

namespace EdgeVoice.Host.Tests;

/// <summary>`edgevoice run` under systemd: readiness, status and watchdog on the notify socket, priorities in the journal.</summary>
public sealed class SystemdTests
{
    [Fact]
    public void Ready_is_sent_once_and_status_lines_stay_on_one_line()
    {
        var n = new NotifyRecorder(enabled: true);
        var status = new ServiceStatus(n);
        status.Ready("listening on alsa:plughw:1");
        status.Ready("microphone failed, retrying every 2 s: arecord: no such\ndevice");
        Assert.Equal(["STATUS=listening on alsa:plughw:1", "READY=1", "STATUS=microphone failed, retrying every 2 s: arecord: no such device"], n.Sent);
    }

    [Fact]
    public void Nothing_is_sent_outside_systemd()
    {
        var n = new NotifyRecorder(enabled: false);
        new ServiceStatus(n).Ready("listening");
        Assert.Empty(n.Sent);
    }

    static string[] Lines(Proc.Result r) => r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task The_service_reports_ready_once_listening_and_logs_with_journal_priorities()
    {
        using var run = new ServiceRun("systemd");
        var r = await run.RunAsync();

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.StdErr}");
        var got = run.Texts;
        int ready = Array.IndexOf(got, "READY=1");
        Assert.True(ready > 0, "no READY=1 on the notify socket; got: " + string.Join(" | ", got));
        Assert.StartsWith("STATUS=listening on ", got[ready - 1]);
        Assert.Equal("STOPPING=1", got[^1]);
        Assert.DoesNotContain("WATCHDOG=1", got); // no WATCHDOG_USEC: systemd expects no pings
        var lines = Lines(r);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(@"^<[0-7]>", l));
        Assert.Contains(lines, l => l.StartsWith("<6>") && l.Contains("listening on"));
    }

    [Fact]
    public async Task Missing_wake_word_models_are_one_critical_line_and_a_status_not_a_crash()
    {
        using var run = new ServiceRun("nowake");
        run.Env["EDGEVOICE__WakeWord__ModelsDir"] = Path.Combine(run.Dir, "none");
        using var stop = new CancellationTokenSource();
        var running = run.RunAsync(stop.Token);
        while (!run.Texts.Contains("READY=1") && !running.IsCompleted && run.Now < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        stop.Cancel();
        var r = await running;

        Assert.Contains("STATUS=not listening: wake word models missing (run scripts/setup.sh); see journalctl -u edgevoice", run.Texts);
        var critical = Assert.Single(Lines(r), l => l.StartsWith("<2>"));
        Assert.Contains("wake word front end cannot start", critical);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(critical, "setup\\.sh"));
    }

    [Fact]
    public async Task A_bad_watchdog_setting_is_a_one_line_configuration_error()
    {
        using var run = new ServiceRun("watchdog-config");
        run.Env["EDGEVOICE__Service__MaxUtteranceSeconds"] = "0";
        var r = await run.RunAsync();
        Assert.True(r.ExitCode == 78, $"exit {r.ExitCode}\n{r.StdErr}"); // EX_CONFIG
        Assert.Contains("edgevoice: Service:MaxUtteranceSeconds must be above 0", r.StdErr);
        Assert.DoesNotContain("READY=1", run.Texts);
    }

    [Fact]
    public async Task Watchdog_pings_follow_ready_while_audio_flows()
    {
        using var run = new ServiceRun("watchdog");
        run.Env["WATCHDOG_USEC"] = "1000000";
        run.Env["EDGEVOICE__Audio__InputFile"] = Path.Combine(Repo.Models, "samples", "set_the_thermostat_to_twenty_one_degrees.wav");
        run.Env["EDGEVOICE__Audio__Realtime"] = "true"; // 3 s of audio at a microphone's pace: six ping periods
        var r = await run.RunAsync();

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.StdErr}");
        var got = run.Texts;
        int ready = Array.IndexOf(got, "READY=1");
        Assert.True(ready > 0 && got[ready..].Contains("WATCHDOG=1"), "no WATCHDOG=1 after READY=1; got: " + string.Join(" | ", got));
        // Once the file has ended the loop rightly stops making progress; before that it must not.
        var whileListening = Lines(r).TakeWhile(l => !l.Contains("ended; stopping")).ToList();
        Assert.True(whileListening.Count < Lines(r).Length, "the input file did not end\n" + r.StdErr);
        Assert.DoesNotContain(whileListening, l => l.Contains("withholding"));
    }

    [Fact]
    public async Task Watchdog_pings_stop_when_the_loop_stops_consuming_audio()
    {
        // 0.4 s of audio, then arecord hangs; the stall timeout is out of the way so the watchdog is what notices.
        var sox = Repo.RequireTool("sox");
        using var run = new ServiceRun("watchdog");
        var bin = Directory.CreateDirectory(Path.Combine(run.Dir, "bin")).FullName;
        var recorder = Path.Combine(bin, "arecord");
        File.WriteAllText(recorder, $"#!/bin/sh\n{sox} -D -n -r 16000 -c 1 -b 16 -e signed -t raw - synth 0.4 sine 440\nexec sleep 600\n");
        File.SetUnixFileMode(recorder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        run.Env["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        run.Env["EDGEVOICE__Audio__Input"] = "alsa";
        run.Env["EDGEVOICE__Audio__CaptureStallSeconds"] = "600";
        run.Env["WATCHDOG_USEC"] = "1000000";

        // What systemd would see: a ping after READY=1, then none for four ping periods.
        bool Silenced()
        {
            var sent = run.Sent;
            int ready = Array.FindIndex(sent, d => d.Text == "READY=1");
            var last = sent.Skip(ready + 1).LastOrDefault(d => d.Text == "WATCHDOG=1");
            return ready >= 0 && last != null && run.Now - last.At > TimeSpan.FromSeconds(2);
        }
        using var stop = new CancellationTokenSource();
        var running = run.RunAsync(stop.Token);
        var deadline = run.Now + TimeSpan.FromSeconds(30);
        while (!running.IsCompleted && !Silenced() && run.Now < deadline) await Task.Delay(100);
        bool ended = running.IsCompleted, silenced = Silenced();
        stop.Cancel();
        var r = await running;

        Assert.False(ended, "the service ended by itself\n" + r.StdErr);
        Assert.True(silenced, "watchdog pings did not stop; got: " + string.Join(" | ", run.Texts) + "\n" + r.StdErr);
        var warning = Assert.Single(Lines(r), l => l.Contains("withholding the watchdog ping"));
        Assert.StartsWith("<4>", warning);
        Assert.Contains("consumed no audio for", warning);
        Assert.Contains("alsa:default", warning);
    }
}
