using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeVoice.Wyoming;

/// <summary>
/// One Wyoming event: a JSON header line (type, optional data, data_length, payload_length), then
/// data_length bytes of JSON merged over the header's data, then payload_length bytes of binary payload.
/// </summary>
public sealed record WyomingEvent(string Type, JsonObject Data, byte[]? Payload = null)
{
    public const string ProtocolVersion = "1.5.4";

    public WyomingEvent(string type) : this(type, new JsonObject()) { }

    public string? Text(string key) => Data[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public int? Int(string key) => Data[key] is JsonValue v && v.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue ? (int)d : null;

    /// <summary>The bytes on the wire: header line (with data_length), the data as JSON, the payload.</summary>
    public byte[] Encode()
    {
        var data = Data.Count > 0 ? Encoding.UTF8.GetBytes(Data.ToJsonString()) : [];
        var header = new JsonObject { ["type"] = Type, ["version"] = ProtocolVersion };
        if (data.Length > 0) header["data_length"] = data.Length;
        if (Payload is { Length: > 0 }) header["payload_length"] = Payload.Length;
        var line = Encoding.UTF8.GetBytes(header.ToJsonString() + "\n");
        var all = new byte[line.Length + data.Length + (Payload?.Length ?? 0)];
        line.CopyTo(all, 0);
        data.CopyTo(all, line.Length);
        Payload?.CopyTo(all, line.Length + data.Length);
        return all;
    }

    public static WyomingEvent Error(string text, string code) => new("error", new JsonObject { ["text"] = text, ["code"] = code });
}

/// <summary>Input the server refuses. Fatal: the byte stream cannot be trusted any more, so the connection closes after the error event.</summary>
public sealed class WyomingProtocolException(string message, string code, bool fatal) : Exception(message)
{
    public string Code { get; } = code;
    public bool Fatal { get; } = fatal;
}

/// <summary>Limits on what a peer may declare, so that one peer cannot make the server allocate without bound.</summary>
public sealed record EventLimits(int MaxHeaderBytes = 16 * 1024, int MaxDataBytes = 64 * 1024, int MaxPayloadBytes = 1024 * 1024);

/// <summary>Reads events from a stream through its own buffer (the header line is found byte by byte in it).</summary>
public sealed class EventReader(Stream stream, EventLimits limits)
{
    readonly byte[] _buf = new byte[Math.Max(limits.MaxHeaderBytes, 4096)];
    int _pos, _len;

    /// <summary>The next event, or null at the end of the stream between events.</summary>
    public async Task<WyomingEvent?> ReadAsync(CancellationToken ct)
    {
        var line = await ReadLineAsync(ct);
        if (line == null) return null;
        JsonObject header;
        try { header = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not a JSON object"); }
        catch (JsonException e) { throw new WyomingProtocolException($"event header is not a JSON object: {e.Message}", "malformed-header", fatal: false); }
        if (header["type"] is not JsonValue tv || !tv.TryGetValue<string>(out var type) || type.Length == 0)
            throw new WyomingProtocolException("event header has no \"type\" string", "malformed-header", fatal: false);
        int dataLength = Length(header, "data_length", limits.MaxDataBytes);
        int payloadLength = Length(header, "payload_length", limits.MaxPayloadBytes);
        var data = header["data"] switch
        {
            null => new JsonObject(),
            JsonObject o => (JsonObject)o.DeepClone(),
            _ => throw new WyomingProtocolException($"\"{type}\": data is not a JSON object", "malformed-header", fatal: false),
        };
        if (dataLength > 0)
        {
            var bytes = await ReadExactlyAsync(dataLength, ct);
            JsonObject extra;
            try { extra = JsonNode.Parse(bytes) as JsonObject ?? throw new JsonException("not a JSON object"); }
            catch (JsonException e) { throw new WyomingProtocolException($"\"{type}\": data is not a JSON object: {e.Message}", "malformed-data", fatal: false); }
            foreach (var (k, v) in extra) data[k] = v?.DeepClone();
        }
        byte[]? payload = payloadLength > 0 ? await ReadExactlyAsync(payloadLength, ct) : null;
        return new WyomingEvent(type, data, payload);
    }

    static int Length(JsonObject header, string key, int max)
    {
        if (header[key] is null) return 0;
        if (header[key] is not JsonValue v || !v.TryGetValue<double>(out var n) || n < 0 || n != Math.Floor(n))
            throw new WyomingProtocolException($"{key} is not a whole number of bytes", "malformed-header", fatal: true);
        if (n > max)
            throw new WyomingProtocolException($"{key} {n} is over the limit of {max} bytes", "too-large", fatal: true);
        return (int)n;
    }

    async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        int scanned = 0;
        while (true)
        {
            int nl = Array.IndexOf(_buf, (byte)'\n', _pos + scanned, _len - scanned);
            if (nl >= 0)
            {
                var line = Encoding.UTF8.GetString(_buf, _pos, nl - _pos);
                _len -= nl + 1 - _pos;
                _pos = nl + 1;
                if (line.Trim().Length == 0) { scanned = 0; continue; }
                return line;
            }
            scanned = _len;
            if (_len >= limits.MaxHeaderBytes)
                throw new WyomingProtocolException($"event header line longer than {limits.MaxHeaderBytes} bytes", "too-large", fatal: true);
            if (!await FillAsync(ct))
            {
                if (_len == 0) return null;
                throw new WyomingProtocolException("connection ended inside an event header", "truncated", fatal: true);
            }
        }
    }

    /// <summary>Reads more bytes after those buffered; false at the end of the stream.</summary>
    async Task<bool> FillAsync(CancellationToken ct)
    {
        if (_pos > 0) { Buffer.BlockCopy(_buf, _pos, _buf, 0, _len); _pos = 0; }
        int n = await stream.ReadAsync(_buf.AsMemory(_len, _buf.Length - _len), ct);
        _len += n;
        return n > 0;
    }

    async Task<byte[]> ReadExactlyAsync(int count, CancellationToken ct)
    {
        var result = new byte[count];
        int have = Math.Min(count, _len);
        Buffer.BlockCopy(_buf, _pos, result, 0, have);
        _pos += have; _len -= have;
        if (_len == 0) _pos = 0;
        while (have < count)
        {
            int n = await stream.ReadAsync(result.AsMemory(have), ct);
            if (n == 0) throw new WyomingProtocolException($"connection ended {count - have} bytes before the end of an event", "truncated", fatal: true);
            have += n;
        }
        return result;
    }
}
