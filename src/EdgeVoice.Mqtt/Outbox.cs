using System.Globalization;
using System.Text.Json;

namespace EdgeVoice.Mqtt;

/// <summary>
/// One queued message. Seq orders delivery. ExpiresAt is the wall-clock deadline kept on disk for the
/// next start; while the process runs the age is measured on the monotonic clock (a Pi without a
/// real-time clock jumps when NTP arrives). TtlSeconds bounds what a wrong wall clock can add after a restart.
/// </summary>
public sealed record OutboxMessage(long Seq, string Topic, string Payload, bool Retain, DateTimeOffset ExpiresAt)
{
    public double TtlSeconds { get; init; }
}

/// <summary>What the outbox may hold while the broker is away (days, possibly).</summary>
public sealed record OutboxLimits(int MaxMessages = 1000, long MaxBytes = 8 * 1024 * 1024);

/// <summary>
/// Durable FIFO. Each enqueue is one file holding the messages that belong together (a device command and
/// its intent event), written to a temp name, fsynced, renamed and the directory fsynced, so a kill, a
/// power cut or a full disk leaves all of them or none. The file goes once the broker has PUBACKed every
/// message in it. Files are readable by the service user only (transcripts are in them).
/// </summary>
public sealed class Outbox
{
    const string Ext = ".msg";
    const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    readonly object _gate = new();
    readonly SortedDictionary<long, OutboxMessage> _pending = new();
    readonly Dictionary<long, long> _deadline = new();       // seq → monotonic timestamp
    readonly Dictionary<long, string> _file = new();         // seq → the file holding it
    readonly Dictionary<string, int> _unsent = new();        // file → messages in it not yet removed
    readonly OutboxLimits _limits;
    readonly TimeProvider _time;
    long _nextSeq;
    long _bytes;

    public string Dir { get; }
    /// <summary>Test seam: called with the temp file open and empty, before its bytes are written (a full disk fails here).</summary>
    internal Action<string, byte[]>? Writing { get; set; }

    public Outbox(string dir, OutboxLimits? limits = null, TimeProvider? time = null)
    {
        _limits = limits ?? new OutboxLimits();
        _time = time ?? TimeProvider.System;
        Dir = Path.GetFullPath(dir);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(Dir);
        else Directory.CreateDirectory(Dir, Private | UnixFileMode.UserExecute);
        foreach (var tmp in Directory.EnumerateFiles(Dir, "*.tmp")) File.Delete(tmp); // torn writes from a kill
        foreach (var f in Directory.EnumerateFiles(Dir, "*" + Ext))
        {
            List<OutboxMessage>? group;
            try { group = Read(File.ReadAllText(f)); }
            catch (JsonException) { File.Move(f, f + ".corrupt", true); continue; }
            foreach (var m in group ?? []) Add(m, f, Left(m));
        }
        _nextSeq = _pending.Count == 0 ? 1 : _pending.Keys.Max() + 1;
    }

    /// <summary>Files from before groups hold one message; newer ones an array.</summary>
    static List<OutboxMessage>? Read(string json) =>
        json.TrimStart().StartsWith('[') ? JsonSerializer.Deserialize<List<OutboxMessage>>(json)
        : JsonSerializer.Deserialize<OutboxMessage>(json) is { } one ? [one] : null;

    /// <summary>Time left of a message read from disk: by the wall clock, but never more than its TTL.</summary>
    TimeSpan Left(OutboxMessage m)
    {
        var left = m.ExpiresAt - _time.GetUtcNow();
        if (m.TtlSeconds > 0 && left > TimeSpan.FromSeconds(m.TtlSeconds)) left = TimeSpan.FromSeconds(m.TtlSeconds);
        return left < TimeSpan.Zero ? TimeSpan.Zero : left;
    }

    void Add(OutboxMessage m, string file, TimeSpan ttl)
    {
        _pending[m.Seq] = m;
        _deadline[m.Seq] = _time.GetTimestamp() + (long)(ttl.TotalSeconds * _time.TimestampFrequency);
        _file[m.Seq] = file;
        _unsent[file] = _unsent.GetValueOrDefault(file) + 1;
        _bytes += Size(m);
    }

    static long Size(OutboxMessage m) => m.Topic.Length + m.Payload.Length;

    public int Count { get { lock (_gate) return _pending.Count; } }
    public long Bytes { get { lock (_gate) return _bytes; } }

    public OutboxMessage Enqueue(string topic, string payload, bool retain, TimeSpan ttl) =>
        EnqueueAll([(topic, payload)], retain, ttl, out _)[0];

    /// <summary>
    /// Queues all the messages durably in one file, or throws and queues none. To stay within the limits it
    /// first drops expired messages, oldest first, then the oldest ones; those come back in <paramref name="dropped"/>.
    /// </summary>
    public IReadOnlyList<OutboxMessage> EnqueueAll(IReadOnlyList<(string Topic, string Payload)> items, bool retain, TimeSpan ttl,
        out IReadOnlyList<OutboxMessage> dropped)
    {
        lock (_gate)
        {
            var expires = _time.GetUtcNow() + ttl;
            var group = items.Select((x, i) => new OutboxMessage(_nextSeq + i, x.Topic, x.Payload, retain, expires) { TtlSeconds = ttl.TotalSeconds }).ToList();
            if (group.Count > _limits.MaxMessages || group.Sum(Size) > _limits.MaxBytes)
                throw new InvalidOperationException($"{group.Count} message(s) of {group.Sum(Size)} bytes exceed the outbox limits ({_limits.MaxMessages} messages, {_limits.MaxBytes} bytes)");
            var file = PathOf(group[0].Seq);
            WriteDurably(file, JsonSerializer.SerializeToUtf8Bytes(group), Writing);
            _nextSeq += group.Count;
            dropped = MakeRoom(group.Count, group.Sum(Size));
            foreach (var m in group) Add(m, file, ttl);
            return group;
        }
    }

    List<OutboxMessage> MakeRoom(int count, long bytes)
    {
        var dropped = new List<OutboxMessage>();
        bool Full() => _pending.Count + count > _limits.MaxMessages || _bytes + bytes > _limits.MaxBytes;
        if (!Full()) return dropped;
        foreach (var m in _pending.Values.Where(m => Remaining(m) <= TimeSpan.Zero).ToList())
        {
            if (!Full()) break;
            dropped.Add(m);
            RemoveLocked(m.Seq);
        }
        while (Full() && _pending.Count > 0)
        {
            var m = _pending.First().Value;
            dropped.Add(m);
            RemoveLocked(m.Seq);
        }
        return dropped;
    }

    /// <summary>Time until the message expires, on the monotonic clock; zero or less once it has.</summary>
    public TimeSpan Remaining(OutboxMessage m)
    {
        lock (_gate)
            return _deadline.TryGetValue(m.Seq, out var d) ? TimeSpan.FromSeconds((double)(d - _time.GetTimestamp()) / _time.TimestampFrequency) : TimeSpan.Zero;
    }

    public OutboxMessage? Peek()
    {
        lock (_gate) return _pending.Count == 0 ? null : _pending.First().Value;
    }

    public IReadOnlyList<OutboxMessage> Snapshot()
    {
        lock (_gate) return _pending.Values.ToList();
    }

    /// <summary>Forgets a message (delivered, expired or dropped); its file goes with the last message in it.</summary>
    public void Remove(long seq)
    {
        lock (_gate) RemoveLocked(seq);
    }

    void RemoveLocked(long seq)
    {
        if (!_pending.Remove(seq, out var m)) return;
        _bytes -= Size(m);
        _deadline.Remove(seq);
        _file.Remove(seq, out var file);
        if (file != null && (_unsent[file] -= 1) == 0)
        {
            _unsent.Remove(file);
            File.Delete(file);
        }
    }

    string PathOf(long seq) => Path.Combine(Dir, seq.ToString("D12", CultureInfo.InvariantCulture) + Ext);

    /// <summary>
    /// Atomic, durable replace: temp file (owner-only) + fsync + rename + fsync of the directory. A failed
    /// write (full disk) removes the temp file and leaves the old content.
    /// </summary>
    public static void WriteDurably(string path, byte[] bytes, Action<string, byte[]>? writing = null)
    {
        var tmp = path + ".tmp";
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = Private;
            using (var fs = new FileStream(tmp, create))
            {
                writing?.Invoke(tmp, bytes);
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { }
            throw;
        }
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
