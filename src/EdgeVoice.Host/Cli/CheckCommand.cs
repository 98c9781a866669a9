using System.Net.Sockets;
using System.Text.Json.Nodes;
using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;

namespace EdgeVoice.Host.Cli;

/// <summary>`check`: what a person installing the device over SSH wants to know before the first run.</summary>
public static class CheckCommand
{
    public static async Task<int> RunAsync(CliArgs cli)
    {
        var config = AppHost.BuildConfiguration(cli.ConfigFile);
        var opts = config.Get<EdgeVoiceOptions>() ?? new EdgeVoiceOptions();
        var modelsDir = ModelPaths.ResolveModelsDir(opts.ModelsDir);
        int problems = 0;
        void Line(bool ok, string what, string detail, bool required = true)
        {
            if (!ok && required) problems++;
            Console.WriteLine($"{(ok ? "ok  " : required ? "FAIL" : "warn")}  {what,-45} {detail}");
        }

        Line(opts.Devices.Count > 0, "devices", $"{opts.Devices.Count} in profile '{opts.Profile}'");
        var manifest = FindManifest(modelsDir);
        if (manifest is null) Line(false, "models/models.json", "not found next to " + modelsDir);
        else
            foreach (var m in manifest["models"]!.AsArray())
            {
                var path = (string)m!["path"]!;
                bool required = (bool?)m["required"] ?? true;
                var (ok, detail) = ModelFile(Path.Combine(modelsDir, path), (long?)m["size"], required ? null : (string?)m["purpose"]);
                Line(ok, "model " + path, detail, required);
            }
        var wake = config.GetSection("WakeWord").Get<EdgeVoice.WakeWord.WakeWordOptions>() ?? new EdgeVoice.WakeWord.WakeWordOptions();
        var head = EdgeVoice.WakeWord.WakeHead.DefaultPath(modelsDir, wake.Phrase);
        Line(File.Exists(head), "wake head " + Path.GetRelativePath(modelsDir, head),
            File.Exists(head) ? "present" : "missing: run `edgevoice wake-train` (until then the pre-trained model and verifier are used)", required: false);
        var espeak = EspeakTool.Resolve(config["Speech:EspeakPath"]);
        Line(espeak != null, "tool espeak-ng", espeak != null ? "found at " + espeak : EspeakTool.Missing(config["Speech:EspeakPath"]));
        foreach (var tool in new[] { "aplay", "arecord" })
            Line(OnPath(tool), "tool " + tool, OnPath(tool) ? "found" : "missing: run scripts/setup.sh", required: false);
        string host = config["Mqtt:Host"] ?? "127.0.0.1";
        int port = int.TryParse(config["Mqtt:Port"], out var p) ? p : 1883;
        bool up = await Reachable(host, port);
        Line(up, "MQTT broker", $"{host}:{port} {(up ? "reachable" : "unreachable: start mosquitto or set EDGEVOICE__Mqtt__Host/Port")}", required: false);
        Console.WriteLine(problems == 0 ? "\nready" : $"\n{problems} problem(s)");
        return problems == 0 ? 0 : 1;
    }

    static JsonNode? FindManifest(string modelsDir)
    {
        var f = Path.Combine(modelsDir, "models.json");
        return File.Exists(f) ? JsonNode.Parse(File.ReadAllText(f)) : null;
    }

    /// <summary>Present and of the pinned size: an interrupted download or a full SD card leaves a short file
    /// that would otherwise only fail when the model is loaded. (setup.sh also checks the digest.)
    /// An optional model (with its purpose) that is absent is a feature switched off, not a fault: say which one.</summary>
    static (bool Ok, string Detail) ModelFile(string file, long? size, string? optionalPurpose)
    {
        if (!File.Exists(file))
            return (false, optionalPurpose is null ? "missing: run scripts/setup.sh"
                : $"not installed (optional: {optionalPurpose} is off; scripts/setup.sh downloads it when online)");
        long got = new FileInfo(file).Length;
        return size is long want && got != want
            ? (false, $"{got} bytes, expected {want}: incomplete or wrong file, delete it and run scripts/setup.sh")
            : (true, "present");
    }

    static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    static async Task<bool> Reachable(string host, int port)
    {
        try
        {
            using var c = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await c.ConnectAsync(host, port, cts.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException) { return false; }
    }
}
