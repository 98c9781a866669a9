using System.Text.Json;
using EdgeVoice.Testing;

namespace EdgeVoice.Host.Tests;

/// <summary>Runs the real CLI (edgevoice.dll from the build output) as a separate process.</summary>
public static class SimulateCli
{
    public sealed record Run(int ExitCode, List<JsonElement> Lines, string StdErr);

    public static async Task<Run> SimulateAsync(IEnumerable<string> wavs, int brokerPort, string workDir,
        IDictionary<string, string>? env = null, params string[] extra)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "edgevoice.dll");
        var args = new List<string> { dll, "simulate", "--json", "--reply-dir", Path.Combine(workDir, "replies") };
        foreach (var w in wavs) { args.Add("--wav"); args.Add(w); }
        args.AddRange(extra);
        var e = TestSettings.For(workDir, brokerPort).AsEnv();
        if (env != null) foreach (var (k, v) in env) e[k] = v;
        var r = await Proc.RunAsync("dotnet", args, TimeSpan.FromMinutes(5), env: e);
        var lines = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return new Run(r.ExitCode, lines, r.StdErr);
    }

    /// <summary><see cref="SimulateAsync"/> against a Mosquitto broker of its own, started for the run and stopped after it.</summary>
    public static async Task<Run> SimulateWithBrokerAsync(IEnumerable<string> wavs, string workDir,
        IDictionary<string, string>? env = null, params string[] extra)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        return await SimulateAsync(wavs, broker.Port, workDir, env, extra);
    }

    /// <summary>
    /// <see cref="SimulateWithBrokerAsync"/> with mosquitto_sub on <paramref name="topicFilter"/> from before the run;
    /// returns what it received once <paramref name="until"/> holds or <paramref name="wait"/> has passed.
    /// </summary>
    public static async Task<(Run Run, List<(string Topic, string Payload)> Received)> SimulateWatchedAsync(
        IEnumerable<string> wavs, string workDir, string topicFilter, Func<List<(string Topic, string Payload)>, bool> until,
        TimeSpan wait, IDictionary<string, string>? env = null)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sub = await MqttSub.StartAsync(broker, topicFilter);
        var run = await SimulateAsync(wavs, broker.Port, workDir, env);
        return (run, await sub.WaitForAsync(until, wait));
    }

    public static string? Error(this JsonElement line) =>
        line.GetProperty("error").ValueKind == JsonValueKind.Null ? null : line.GetProperty("error").GetString();

    public static List<(string Topic, string Payload)> Published(this JsonElement line) =>
        line.GetProperty("published").EnumerateArray()
            .Select(p => (p.GetProperty("topic").GetString()!, p.GetProperty("payload").GetString()!)).ToList();
}
