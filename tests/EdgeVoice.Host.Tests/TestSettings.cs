using System.Text.Json.Nodes;

namespace EdgeVoice.Host.Tests;

/// <summary>
/// The settings every test run of edgevoice starts from, in process or as the real CLI: the test broker,
/// its own outbox and MQTT client id (runs in parallel must not share a session or a queue) and the repo's
/// models. Keys are "Section:Key"; <see cref="AsEnv"/> and <see cref="Json"/> hand them over.
/// </summary>
static class TestSettings
{
    public static Dictionary<string, string> For(string dir, int brokerPort) => new()
    {
        ["Mqtt:Host"] = "127.0.0.1", ["Mqtt:Port"] = brokerPort.ToString(), ["Mqtt:OutboxDir"] = Path.Combine(dir, "outbox"),
        ["Mqtt:ClientId"] = "edgevoice-test-" + Guid.NewGuid().ToString("N")[..8], ["ModelsDir"] = Repo.Models,
    };

    /// <summary><see cref="For"/> plus what `edgevoice run` needs off a device: a WAV file as the microphone, replies written as WAV, simulated GPIO.</summary>
    public static Dictionary<string, string> Service(string dir, int brokerPort, string microphoneWav)
    {
        var s = For(dir, brokerPort);
        s["Audio:Input"] = "wav";
        s["Audio:InputFile"] = microphoneWav;
        s["Audio:Output"] = "wav";
        s["Audio:OutputDir"] = Path.Combine(dir, "replies");
        s["Hardware:Mode"] = "simulated";
        return s;
    }

    /// <summary>As environment variables (EDGEVOICE__Section__Key), for the CLI in its own process.</summary>
    public static Dictionary<string, string> AsEnv(this Dictionary<string, string> settings) =>
        settings.ToDictionary(kv => "EDGEVOICE__" + kv.Key.Replace(":", "__"), kv => kv.Value);

    /// <summary>As a configuration file's JSON (sections nested), laid over <paramref name="into"/> when given.</summary>
    public static JsonObject Json(this Dictionary<string, string> settings, JsonObject? into = null)
    {
        var root = into ?? [];
        foreach (var (key, value) in settings)
        {
            var path = key.Split(':');
            var node = root;
            foreach (var section in path[..^1]) node = node[section] as JsonObject ?? (JsonObject)(node[section] = new JsonObject());
            node[path[^1]] = value;
        }
        return root;
    }

    /// <summary>Writes <see cref="Json"/> to dir/config.json for --config; returns the path.</summary>
    public static string WriteConfig(this Dictionary<string, string> settings, string dir)
    {
        var file = Path.Combine(dir, "config.json");
        File.WriteAllText(file, settings.Json().ToJsonString());
        return file;
    }
}
