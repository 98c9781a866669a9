using System.Text.Json.Nodes;
using EdgeVoice.Core;
using EdgeVoice.Host.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host;

public static class AppHost
{
    public const string EnvPrefix = "EDGEVOICE__";

    /// <summary>
    /// appsettings.json → config/&lt;Profile&gt;.json → --config FILE → EDGEVOICE__* environment.
    /// A --config file that lists Devices replaces the profile's devices instead of merging by index.
    /// </summary>
    public static IConfigurationRoot BuildConfiguration(string? configFile, string? baseDir = null)
    {
        baseDir ??= AppContext.BaseDirectory;
        if (configFile != null && !File.Exists(configFile))
            throw new StartupException($"config file not found: {configFile}");
        JsonNode? extra = null;
        if (configFile != null)
        {
            try { extra = JsonNode.Parse(File.ReadAllText(configFile)); }
            catch (System.Text.Json.JsonException e) { throw new StartupException($"{configFile}: invalid JSON ({e.Message})"); }
        }

        IConfigurationBuilder Base() => new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(baseDir, "appsettings.json"), optional: true);
        IConfigurationBuilder Tail(IConfigurationBuilder b)
        {
            if (configFile != null) b.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: true);
            return b.AddEnvironmentVariables(EnvPrefix);
        }

        string profile = Tail(Base()).Build()["Profile"] ?? "home";
        var builder = Base();
        if (extra?["Devices"] is null)
        {
            var profileFile = Path.Combine(baseDir, "config", profile + ".json");
            if (!File.Exists(profileFile))
                throw new StartupException($"profile '{profile}' not found: {profileFile} (profiles: {string.Join(", ", Profiles(baseDir))})");
            builder.AddJsonFile(profileFile, optional: false, reloadOnChange: true);
        }
        return Tail(builder).Build();
    }

    static IEnumerable<string> Profiles(string baseDir) =>
        Directory.Exists(Path.Combine(baseDir, "config"))
            ? Directory.GetFiles(Path.Combine(baseDir, "config"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f))
            : [];

    /// <param name="listen">Run the always-listening service (the voice loop on the microphone, systemd status, watchdog).</param>
    public static HostApplicationBuilder CreateBuilder(CliArgs cli, bool listen = false)
    {
        var config = BuildConfiguration(cli.ConfigFile);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "edgevoice",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(config);
        builder.Logging.AddConfiguration(config.GetSection("Logging"));
        // stdout carries the JSON contract in simulate; every log line goes to stderr (journald keeps both).
        // Under systemd (JOURNAL_STREAM is set when stderr is the journal) each line starts with its
        // syslog priority instead of a timestamp, so `journalctl -u edgevoice -p warning` works.
        if (Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 })
            builder.Logging.AddSystemdConsole();
        else
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddEdgeVoice(config, listen);
        builder.Services.AddTranscriptRedaction(config);
        return builder;
    }
}
