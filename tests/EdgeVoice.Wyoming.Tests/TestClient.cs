using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace EdgeVoice.Wyoming.Tests;

/// <summary>
/// A Wyoming peer written from the protocol's description, independent of the server's own reader:
/// header line with type/data/data_length/payload_length, then the data bytes, then the payload.
/// </summary>
sealed class TestClient : IAsyncDisposable
{
    readonly TcpClient _tcp;
    readonly NetworkStream _s;
    readonly List<byte> _pending = [];

    public sealed record Ev(string Type, JsonObject Data, byte[] Payload);

    TestClient(TcpClient tcp) { _tcp = tcp; _s = tcp.GetStream(); }

    public static async Task<TestClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        return new TestClient(tcp);
    }

    public Task SendAsync(string type, JsonObject? data = null, byte[]? payload = null)
    {
        var header = new JsonObject { ["type"] = type };
        byte[] dataBytes = data is { Count: > 0 } ? Encoding.UTF8.GetBytes(data.ToJsonString()) : [];
        if (dataBytes.Length > 0) header["data_length"] = dataBytes.Length;
        if (payload is { Length: > 0 }) header["payload_length"] = payload.Length;
        return SendRawAsync([.. Encoding.UTF8.GetBytes(header.ToJsonString() + "\n"), .. dataBytes, .. payload ?? []]);
    }

    public async Task SendRawAsync(byte[] bytes) { await _s.WriteAsync(bytes); await _s.FlushAsync(); }

    /// <summary>The next event, or null when the server closed the connection.</summary>
    public async Task<Ev?> ReadAsync(int timeoutMs = 180_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        var line = await ReadLineAsync(cts.Token);
        if (line == null) return null;
        var h = JsonNode.Parse(line)!.AsObject();
        var data = h["data"]?.AsObject().DeepClone().AsObject() ?? [];
        int dl = h["data_length"]?.GetValue<int>() ?? 0, pl = h["payload_length"]?.GetValue<int>() ?? 0;
        if (dl > 0) foreach (var (k, v) in JsonNode.Parse(await ReadBytesAsync(dl, cts.Token))!.AsObject()) data[k] = v?.DeepClone();
        var payload = pl > 0 ? await ReadBytesAsync(pl, cts.Token) : [];
        return new Ev(h["type"]!.GetValue<string>(), data, payload);
    }

    /// <summary>Reads until an event of one of <paramref name="types"/>; fails on the way on an error event unless asked for.</summary>
    public async Task<Ev> ExpectAsync(params string[] types)
    {
        while (true)
        {
            var e = await ReadAsync() ?? throw new Xunit.Sdk.XunitException($"connection closed while waiting for {string.Join("/", types)}");
            if (types.Contains(e.Type)) return e;
            if (e.Type == "error") throw new Xunit.Sdk.XunitException($"error event while waiting for {string.Join("/", types)}: {e.Data.ToJsonString()}");
        }
    }

    async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            int nl = _pending.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                var line = Encoding.UTF8.GetString([.. _pending.Take(nl)]);
                _pending.RemoveRange(0, nl + 1);
                return line;
            }
            var buf = new byte[8192];
            int n = await _s.ReadAsync(buf, ct);
            if (n == 0) return null;
            _pending.AddRange(buf.Take(n));
        }
    }

    async Task<byte[]> ReadBytesAsync(int count, CancellationToken ct)
    {
        while (_pending.Count < count)
        {
            var buf = new byte[8192];
            int n = await _s.ReadAsync(buf, ct);
            if (n == 0) throw new EndOfStreamException("connection closed inside an event");
            _pending.AddRange(buf.Take(n));
        }
        var r = _pending.Take(count).ToArray();
        _pending.RemoveRange(0, count);
        return r;
    }

    /// <summary>Streams 16-bit PCM as audio-start, chunks of <paramref name="chunkMs"/>, audio-stop.</summary>
    public async Task SendAudioAsync(byte[] pcm, int rate, int width, int channels, int chunkMs = 64)
    {
        JsonObject F() => new() { ["rate"] = rate, ["width"] = width, ["channels"] = channels };
        await SendAsync("audio-start", F());
        int chunk = rate * width * channels * chunkMs / 1000;
        for (int i = 0; i < pcm.Length; i += chunk) await SendAsync("audio-chunk", F(), pcm[i..Math.Min(pcm.Length, i + chunk)]);
        await SendAsync("audio-stop");
    }

    public async ValueTask DisposeAsync() { await _s.DisposeAsync(); _tcp.Dispose(); }
}
