using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Host.Cli;

/// <summary>`run`: the always-listening service (systemd runs this).</summary>
public static class ServiceCommand
{
    public static async Task<int> RunAsync(CliArgs cli)
    {
        using var host = AppHost.CreateBuilder(cli, listen: true).Build();
        // A bad setting is a one-line configuration error (exit 78), not a stack trace in the journal.
        try { await host.RunAsync(); }
        catch (OptionsValidationException e) { throw new StartupException(e.Message); }
        return 0;
    }
}
