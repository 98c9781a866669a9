using Microsoft.Extensions.Hosting;

namespace EdgeVoice.Host.Cli;

/// <summary>`run`: the always-listening service (systemd runs this).</summary>
public static class ServiceCommand
{
    public static async Task<int> RunAsync(CliArgs cli)
    {
        using var host = AppHost.CreateBuilder(cli).Build();
        await host.RunAsync();
        return 0;
    }
}
