using System.Net.Sockets;
using System.Text;
using EdgeVoice.Host.Pipeline;
using EdgeVoice.Testing;
using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeVoice.Host.Tests;

/// <summary>`edgevoice run` under systemd: readiness and status on the notify socket, priorities in the journal.</summary>
public sealed class SystemdTests
{
    sealed class Recorder(bool enabled) : ISystemdNotifier
    {
        public List<string> Sent { get; } = [];
        public bool IsEnabled => enabled;
        public void Notify(ServiceState state) => Sent.Add(state.ToString());
    }

    [Fact]
    public void Ready_is_sent_once_and_status_lines_stay_on_one_line()
    {
        var n = new Recorder(enabled: true);
        var status = new ServiceStatus(n);
        status.Ready("listening on alsa:plughw:1");
        status.Ready("microphone failed, retrying every 2 s: arecord: no such\ndevice");
        Assert.Equal(["STATUS=listening on alsa:plughw:1", "READY=1", "STATUS=microphone failed, retrying every 2 s: arecord: no such device"], n.Sent);
    }

    [Fact]
    public void Nothing_is_sent_outside_systemd()
    {
        var n = new Recorder(enabled: false);
        new ServiceStatus(n).Ready("listening");
        Assert.Empty(n.Sent);
    }

    [Fact]
    public async Task The_service_reports_ready_once_listening_and_logs_with_journal_priorities()
    {
        var dir = Repo.TempDir("systemd");
        var socketPath = Path.Combine(dir, "notify");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var received = new List<string>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            var buf = new byte[4096];
            try
            {
                while (true)
                {
                    int n = await socket.ReceiveAsync(buf, SocketFlags.None, stop.Token);
                    lock (received) received.Add(Encoding.UTF8.GetString(buf, 0, n));
                }
            }
            catch (OperationCanceledException) { }
        });
        var env = new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = socketPath, ["JOURNAL_STREAM"] = "8:12345",
            ["EDGEVOICE__Audio__Input"] = "wav", ["EDGEVOICE__Audio__InputFile"] = Path.Combine(Repo.Models, "samples", "open_the_blinds.wav"),
            ["EDGEVOICE__Audio__Output"] = "wav", ["EDGEVOICE__Audio__OutputDir"] = Path.Combine(dir, "replies"),
            ["EDGEVOICE__Hardware__Mode"] = "simulated",
            ["EDGEVOICE__Mqtt__Port"] = MosquittoBroker.FreePort().ToString(), ["EDGEVOICE__Mqtt__OutboxDir"] = Path.Combine(dir, "outbox"),
            ["EDGEVOICE__ModelsDir"] = Repo.Models,
        };

        var r = await Proc.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgevoice.dll"), "run"], TimeSpan.FromMinutes(2), env: env);
        await Task.Delay(200);
        stop.Cancel();
        await reader;

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.StdErr}");
        string[] got;
        lock (received) got = [.. received];
        int ready = Array.IndexOf(got, "READY=1");
        Assert.True(ready > 0, "no READY=1 on the notify socket; got: " + string.Join(" | ", got));
        Assert.StartsWith("STATUS=listening on ", got[ready - 1]);
        Assert.Equal("STOPPING=1", got[^1]);
        var lines = r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(@"^<[0-7]>", l));
        Assert.Contains(lines, l => l.StartsWith("<6>") && l.Contains("listening on"));
    }
}
