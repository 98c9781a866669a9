using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Host.Cli;

/// <summary>`run`: the always-listening service (systemd runs this).</summary>
public static class ServiceCommand
{
    /// <summary>EX_SOFTWARE: a background service failed. Any code but 0 tells systemd the service failed.</summary>
    public const int Faulted = 70;

    public static async Task<int> RunAsync(CliArgs cli)
    {
        using var host = AppHost.CreateBuilder(cli, listen: true).Build();
        // A bad setting is a one-line configuration error (exit 78), not a stack trace in the journal.
        try { return await RunHostAsync(host); }
        catch (OptionsValidationException e) { throw new StartupException(e.Message); }
    }

    /// <summary>
    /// Runs until stopped. A background service that faults stops the host; the exit code then says so,
    /// or systemd would take the end for a clean stop and not restart the service.
    /// </summary>
    public static async Task<int> RunHostAsync(IHost host)
    {
        await host.StartAsync();
        await host.WaitForShutdownAsync();
        var failed = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Where(s => s.ExecuteTask is { IsFaulted: true }).ToList();
        if (failed.Count == 0) return 0;
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeVoice.Host");
        foreach (var s in failed)
            log.LogCritical("{Service} failed: {Message}; exiting with code {Code}", s.GetType().Name, s.ExecuteTask!.Exception!.GetBaseException().Message, Faulted);
        return Faulted;
    }
}
