using System.Net.Sockets;
using EdgeVoice.Host.Cli;
using EdgeVoice.Host.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host.Tests;

/// <summary>A fault ends the service with a non-zero code (systemd restarts it); a failed non-essential write does not end it.</summary>
public sealed class ServiceFaultTests
{
    [Fact]
    public async Task A_failed_write_of_the_discovery_file_is_logged_and_the_service_keeps_running()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var run = new ServiceRun("disk-full", broker.Port);
        var outbox = Directory.CreateDirectory(run.Env["EDGEVOICE__Mqtt__OutboxDir"]).FullName;
        // The file cannot be replaced (a folder is in its place): an IOException from the same write a full disk fails.
        Directory.CreateDirectory(Path.Combine(outbox, "discovery-announced.json", "x"));

        var r = await run.RunAsync();

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.StdErr}");
        Assert.Contains("ended; stopping", r.StdErr); // the command in the file was heard, not cut short by a fault
        var warnings = r.StdErr.Split('\n').Where(l => l.Contains("discovery")).ToList();
        Assert.True(warnings.Count == 1, r.StdErr);
        var warning = warnings[0];
        Assert.StartsWith("<4>", warning);
        Assert.Contains("discovery-announced.json", warning);
    }

    sealed class Faulting : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken ct)
        {
            await Task.Delay(50, ct);
            throw new IOException("No space left on device");
        }
    }

    [Fact]
    public async Task A_faulting_background_service_ends_the_process_with_a_non_zero_code()
    {
        var b = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        b.Services.AddHostedService<Faulting>();
        var log = new ListLogger();
        b.Logging.AddProvider(log);
        using var host = b.Build();
        int code = await ServiceCommand.RunHostAsync(host).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ServiceCommand.Faulted, code);
        Assert.Contains(log.Entries, l => l.Level == LogLevel.Critical && l.Text.Contains("Faulting") && l.Text.Contains("No space left on device"));
    }

    sealed class BrokenSocket : ISystemdNotifier
    {
        public bool IsEnabled => true;
        public void Notify(ServiceState state) => throw new SocketException((int)SocketError.ConnectionRefused);
    }

    [Fact]
    public void A_broken_notify_socket_does_not_end_the_service()
    {
        var status = new ServiceStatus(new BrokenSocket());
        status.Ready("listening");
        status.KeepAlive();
        status.Stopping();
        Assert.Equal(4, status.NotifyErrors); // STATUS=, READY=1, WATCHDOG=1, STOPPING=1
    }
}
