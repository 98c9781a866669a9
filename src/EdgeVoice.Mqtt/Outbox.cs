using System.Globalization;
using System.Text.Json;

namespace EdgeVoice.Mqtt;

/// <summary>One queued message. Seq orders delivery; ExpiresAt bounds how late a command may still act.</summary>
public sealed record OutboxMessage(long Seq, string Topic, string Payload, bool Retain, DateTimeOffset ExpiresAt, string? Id = null);

/// <summary>
/// Durable FIFO: one file per message, written to a temp name, fsynced, renamed, and the directory
/// fsynced, so a kill or power cut at any point leaves either the whole message or nothing. A file is deleted only after the broker's PUBACK.
/// </summary>
public sealed class Outbox
{
    const string Ext = ".msg";
    readonly object _gate = new();
    readonly SortedDictionary<long, OutboxMessage> _pending = new();
    long _nextSeq;

    public string Dir { get; }

    public Outbox(string dir)
    {
        Dir = Path.GetFullPath(dir);
        Directory.CreateDirectory(Dir);
        foreach (var tmp in Directory.EnumerateFiles(Dir, "*.tmp")) File.Delete(tmp); // torn writes from a kill
        foreach (var f in Directory.EnumerateFiles(Dir, "*" + Ext))
        {
            try
            {
                var m = JsonSerializer.Deserialize<OutboxMessage>(File.ReadAllText(f));
                if (m != null) _pending[m.Seq] = m;
            }
            catch (JsonException) { File.Move(f, f + ".corrupt", true); }
        }
        _nextSeq = _pending.Count == 0 ? 1 : _pending.Keys.Max() + 1;
    }

    public int Count { get { lock (_gate) return _pending.Count; } }

    public OutboxMessage Enqueue(string topic, string payload, bool retain, DateTimeOffset expiresAt, string? id = null)
    {
        OutboxMessage m;
        lock (_gate)
        {
            m = new OutboxMessage(_nextSeq++, topic, payload, retain, expiresAt, id);
            WriteDurably(PathOf(m.Seq), JsonSerializer.SerializeToUtf8Bytes(m));
            _pending[m.Seq] = m;
        }
        return m;
    }

    public OutboxMessage? Peek()
    {
        lock (_gate) return _pending.Count == 0 ? null : _pending.First().Value;
    }

    public IReadOnlyList<OutboxMessage> Snapshot()
    {
        lock (_gate) return _pending.Values.ToList();
    }

    public void Remove(long seq)
    {
        lock (_gate)
        {
            _pending.Remove(seq);
            File.Delete(PathOf(seq));
        }
    }

    string PathOf(long seq) => Path.Combine(Dir, seq.ToString("D12", CultureInfo.InvariantCulture) + Ext);

    /// <summary>Atomic, durable replace: temp file + fsync + rename + fsync of the directory.</summary>
    public static void WriteDurably(string path, ReadOnlySpan<byte> bytes)
    {
        var tmp = path + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            fs.Write(bytes);
            fs.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
