using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Mqtt;

/// <summary>What remote commands on edgevoice/&lt;NodeId&gt;/cmd/&lt;name&gt; do; the Host implements it.</summary>
public interface IRemoteCommandHandler
{
    Task SayAsync(string text, CancellationToken ct);
    Task SetMutedAsync(bool muted, CancellationToken ct);
    Task SetVolumeAsync(int level, CancellationToken ct);
    Task ReloadAsync(CancellationToken ct);
    /// <param name="path">Full path, already checked to be an existing .wav under Mqtt:RunWavDir.</param>
    Task RunWavAsync(string path, CancellationToken ct);
}

public sealed class RemoteCommandException(string message) : Exception(message);

/// <summary>Token bucket: a burst of <c>perMinute</c>, refilled evenly over a minute.</summary>
sealed class RateLimit(int perMinute)
{
    readonly object _gate = new();
    double _tokens = perMinute;
    long _last = Environment.TickCount64;

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = Environment.TickCount64;
            _tokens = Math.Min(perMinute, _tokens + (now - _last) * perMinute / 60_000.0);
            _last = now;
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }
}

/// <summary>
/// Validates and dispatches inbound commands. Anything malformed is answered on edgevoice/&lt;NodeId&gt;/error
/// and changes nothing; retained commands are ignored (a stale "say" must not replay after a restart).
/// </summary>
public sealed class RemoteCommandDispatcher(MqttLink link, IRemoteCommandHandler? handler, IOptions<MqttOptions> options, ILogger<RemoteCommandDispatcher> log)
{
    const int MaxSayChars = 1000;
    readonly MqttOptions _o = options.Value;
    // Speaking and running a recording (which can switch devices) are what a flood would abuse.
    readonly Dictionary<string, RateLimit> _limits = new()
    {
        ["say"] = new(options.Value.RemoteCommandsPerMinute),
        ["run_wav"] = new(options.Value.RemoteCommandsPerMinute),
    };

    public string Prefix => $"edgevoice/{link.NodeId}/cmd/";
    public string ErrorTopic => $"edgevoice/{link.NodeId}/error";
    public string StateTopic(string name) => $"edgevoice/{link.NodeId}/state/{name}";

    public async Task HandleAsync(InboundMessage m, CancellationToken ct)
    {
        if (!m.Topic.StartsWith(Prefix, StringComparison.Ordinal)) return;
        var name = m.Topic[Prefix.Length..];
        if (m.Retain) { log.LogWarning("ignored retained command {Name}", name); return; }
        try
        {
            if (handler == null) throw new RemoteCommandException("remote commands are not available on this node");
            if (m.Size > _o.MaxInboundBytes)
                throw new RemoteCommandException($"payload of {m.Size} bytes exceeds the limit of {_o.MaxInboundBytes}");
            if (_limits.TryGetValue(name, out var limit) && !limit.TryTake())
                throw new RemoteCommandException($"rate limit: at most {_o.RemoteCommandsPerMinute} '{name}' per minute (Mqtt:RemoteCommandsPerMinute)");
            await DispatchAsync(name, m.Payload, ct);
            log.LogInformation("remote command {Name} done", name);
        }
        catch (Exception e) when (e is RemoteCommandException or JsonException)
        {
            await ReportAsync(name, e is JsonException ? "invalid JSON: " + e.Message : e.Message, m.Size);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "remote command {Name} failed", name);
            await ReportAsync(name, "failed: " + e.Message, m.Size);
        }
    }

    async Task DispatchAsync(string name, byte[] payload, CancellationToken ct)
    {
        switch (name)
        {
            case "say":
                var text = RequiredString(Object(payload, required: true), "text");
                if (text.Trim().Length == 0 || text.Length > MaxSayChars) throw new RemoteCommandException($"'text' must be 1..{MaxSayChars} characters");
                await handler!.SayAsync(text, ct);
                break;
            case "mute":
            case "unmute":
                var muted = name == "mute";
                if (Object(payload, required: false) is { } o && o.TryGetProperty("muted", out var mv))
                    muted = mv.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw new RemoteCommandException("'muted' must be true or false"),
                    };
                await handler!.SetMutedAsync(muted, ct);
                await link.SetRetainedAsync(StateTopic("muted"), muted ? "ON" : "OFF");
                break;
            case "volume":
                var v = Object(payload, required: true)!.Value;
                if (!v.TryGetProperty("level", out var lv) || lv.ValueKind != JsonValueKind.Number || !lv.TryGetInt32(out var level))
                    throw new RemoteCommandException("'level' must be an integer 0..100");
                if (level is < 0 or > 100) throw new RemoteCommandException($"'level' {level} is outside 0..100");
                await handler!.SetVolumeAsync(level, ct);
                await link.SetRetainedAsync(StateTopic("volume"), level.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "reload":
                Object(payload, required: false);
                await handler!.ReloadAsync(ct);
                break;
            case "run_wav":
                await handler!.RunWavAsync(CheckWavPath(RequiredString(Object(payload, required: true), "path")), ct);
                break;
            default:
                throw new RemoteCommandException($"unknown command '{name}' (say, mute, unmute, volume, reload, run_wav)");
        }
    }

    /// <summary>
    /// Only existing .wav files under Mqtt:RunWavDir. Every symlink on the way (the file, a folder inside,
    /// the folder itself) is resolved, and the resolved path is what gets played.
    /// </summary>
    string CheckWavPath(string path)
    {
        if (string.IsNullOrWhiteSpace(_o.RunWavDir)) throw new RemoteCommandException("run_wav is disabled (set Mqtt:RunWavDir)");
        var root = Path.GetFullPath(_o.RunWavDir).TrimEnd('/') + "/";
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));
        if (!full.StartsWith(root, StringComparison.Ordinal)) throw new RemoteCommandException($"path '{path}' is outside {root}");
        if (!full.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)) throw new RemoteCommandException($"path '{path}' is not a .wav file");
        if (!File.Exists(full)) throw new RemoteCommandException($"file '{path}' does not exist");
        var realRoot = (RealPath.Of(root) ?? throw new RemoteCommandException($"Mqtt:RunWavDir {root} does not exist")).TrimEnd('/') + "/";
        var target = RealPath.Of(full);
        if (target == null || !target.StartsWith(realRoot, StringComparison.Ordinal) || !target.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
            throw new RemoteCommandException($"path '{path}' links outside {root}");
        return target;
    }

    static JsonElement? Object(byte[] payload, bool required)
    {
        if (payload.Length == 0 || Encoding.UTF8.GetString(payload).Trim().Length == 0)
            return required ? throw new RemoteCommandException("a JSON object payload is required") : null;
        using var doc = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 8 });
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new RemoteCommandException("payload must be a JSON object");
        return doc.RootElement.Clone();
    }

    static string RequiredString(JsonElement? o, string prop)
    {
        if (o is not { } e || !e.TryGetProperty(prop, out var v) || v.ValueKind != JsonValueKind.String)
            throw new RemoteCommandException($"'{prop}' must be a string");
        return v.GetString()!;
    }

    Task ReportAsync(string name, string error, long bytes)
    {
        log.LogWarning("rejected remote command {Name} ({Bytes} bytes): {Error}", name, bytes, error);
        var json = JsonSerializer.Serialize(new { command = name.Length > 64 ? name[..64] : name, error, at = DateTimeOffset.UtcNow });
        return link.PublishNowAsync(ErrorTopic, json);
    }
}
