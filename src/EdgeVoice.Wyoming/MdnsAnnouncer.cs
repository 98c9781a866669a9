using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeVoice.Wyoming;

/// <summary>
/// A minimal mDNS responder (RFC 6762/6763) for one service, <c>&lt;instance&gt;._wyoming._tcp.local</c>, so
/// Home Assistant discovers the device: it announces itself at start and answers queries for the service
/// type, the instance and the host's address. Queries from a port other than 5353 (one-shot, RFC 6762 §6.7)
/// are answered to the sender; others to the multicast group.
/// </summary>
public sealed class MdnsAnnouncer(string instance, Func<int> servicePort, int mdnsPort = MdnsAnnouncer.Port, ILogger<MdnsAnnouncer>? log = null) : BackgroundService
{
    public const int Port = 5353;
    public const string ServiceType = "_wyoming._tcp.local";
    const string Browse = "_services._dns-sd._udp.local";
    const ushort TypeA = 1, TypePtr = 12, TypeTxt = 16, TypeSrv = 33, TypeAny = 255;
    static readonly IPAddress Group = IPAddress.Parse("224.0.0.251");
    readonly ILogger _log = (ILogger?)log ?? NullLogger.Instance;
    readonly string _host = Label(Dns.GetHostName()) + ".local";
    Socket? _socket;

    public string Instance { get; } = Label(instance) + "." + ServiceType;
    /// <summary>The UDP port listened on, once started (the chosen one when created with port 0).</summary>
    public int BoundPort { get; private set; }

    static string Label(string s)
    {
        var l = new string(s.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray()).Trim('-');
        return l.Length == 0 ? "edgevoice" : l[..Math.Min(l.Length, 63)];
    }

    public override Task StartAsync(CancellationToken ct)
    {
        try
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            // Avahi or another responder may hold 5353 too: the port is shared, as mDNS expects.
            s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            s.Bind(new IPEndPoint(IPAddress.Any, mdnsPort));
            try { s.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(Group)); }
            catch (SocketException e) { _log.LogWarning("mdns: cannot join the multicast group ({Error}); answering direct queries only", e.Message); }
            BoundPort = ((IPEndPoint)s.LocalEndPoint!).Port;
            _socket = s;
        }
        catch (SocketException e) { _log.LogWarning("mdns: cannot listen on UDP {Port} ({Error}); Home Assistant will not discover this device, add it by address", mdnsPort, e.Message); }
        return base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (_socket is not { } s) return;
        _log.LogInformation("mdns: announcing {Instance} on port {Port}", Instance, servicePort());
        // Two unsolicited announcements a second apart (RFC 6762 §8.3).
        for (int i = 0; i < 2 && !ct.IsCancellationRequested; i++)
        {
            await SendAsync(s, Answer(null, 0, [(ServiceType, TypePtr)])!, new IPEndPoint(Group, Port), ct);
            await Task.Delay(1000, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        var buf = new byte[9000];
        while (!ct.IsCancellationRequested)
        {
            SocketReceiveFromResult r;
            try { r = await s.ReceiveFromAsync(buf, new IPEndPoint(IPAddress.Any, 0), ct); }
            catch (OperationCanceledException) { break; }
            catch (SocketException e) { _log.LogDebug("mdns: receive failed: {Error}", e.Message); continue; }
            var from = (IPEndPoint)r.RemoteEndPoint;
            byte[]? reply;
            try { reply = Respond(buf.AsSpan(0, r.ReceivedBytes), unicast: from.Port != Port); }
            catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidDataException) { continue; } // not a DNS message we can read
            if (reply != null) await SendAsync(s, reply, from.Port != Port ? from : new IPEndPoint(Group, Port), ct);
        }
    }

    static async Task SendAsync(Socket s, byte[] message, IPEndPoint to, CancellationToken ct)
    {
        try { await s.SendToAsync(message, to, ct); }
        catch (SocketException) { } // no route to the group (no network yet): the next query gets its answer
        catch (OperationCanceledException) { }
    }

    /// <summary>The response to one query message, or null when it asks nothing about this service.</summary>
    internal byte[]? Respond(ReadOnlySpan<byte> q, bool unicast)
    {
        if (q.Length < 12 || (q[2] & 0x80) != 0) return null; // too short, or a response
        int count = BinaryPrimitives.ReadUInt16BigEndian(q[4..]);
        int at = 12;
        var asked = new List<(string Name, ushort Type)>();
        for (int i = 0; i < count; i++)
        {
            var name = ReadName(q, ref at);
            asked.Add((name, BinaryPrimitives.ReadUInt16BigEndian(q[at..])));
            at += 4;
        }
        return Answer(unicast ? q[..at].ToArray() : null, unicast ? BinaryPrimitives.ReadUInt16BigEndian(q) : (ushort)0, asked);
    }

    byte[]? Answer(byte[]? question, ushort id, List<(string Name, ushort Type)> asked)
    {
        static bool Is(string a, string b) => string.Equals(a.TrimEnd('.'), b, StringComparison.OrdinalIgnoreCase);
        bool ptr = false, srv = false, addr = false, browse = false;
        foreach (var (name, type) in asked)
        {
            if (Is(name, ServiceType) && type is TypePtr or TypeAny) ptr = true;
            if (Is(name, Instance) && type is TypeSrv or TypeTxt or TypeAny) srv = true;
            if (Is(name, _host) && type is TypeA or TypeAny) addr = true;
            if (Is(name, Browse) && type is TypePtr or TypeAny) browse = true;
        }
        if (!(ptr || srv || addr || browse)) return null;
        var answers = new List<byte[]>();
        if (browse) answers.Add(Record(Browse, TypePtr, 4500, Name(ServiceType)));
        if (ptr) answers.Add(Record(ServiceType, TypePtr, 4500, Name(Instance)));
        if (ptr || srv)
        {
            var target = Name(_host);
            var rdata = new byte[6 + target.Length];
            BinaryPrimitives.WriteUInt16BigEndian(rdata.AsSpan(4), (ushort)servicePort());
            target.CopyTo(rdata, 6);
            answers.Add(Record(Instance, TypeSrv, 120, rdata, flush: true));
            answers.Add(Record(Instance, TypeTxt, 4500, [0], flush: true));
        }
        foreach (var ip in Addresses()) answers.Add(Record(_host, TypeA, 120, ip.GetAddressBytes(), flush: true));
        var header = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, id);
        header[2] = 0x84; // response, authoritative
        if (question != null) header[5] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)answers.Count);
        return [.. header, .. question?[12..] ?? [], .. answers.SelectMany(a => a)];
    }

    static byte[] Record(string name, ushort type, uint ttl, byte[] rdata, bool flush = false)
    {
        var n = Name(name);
        var r = new byte[n.Length + 10 + rdata.Length];
        n.CopyTo(r, 0);
        BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(n.Length), type);
        BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(n.Length + 2), (ushort)(flush ? 0x8001 : 0x0001));
        BinaryPrimitives.WriteUInt32BigEndian(r.AsSpan(n.Length + 4), ttl);
        BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(n.Length + 8), (ushort)rdata.Length);
        rdata.CopyTo(r, n.Length + 10);
        return r;
    }

    /// <summary>A name in DNS wire form (labels, no compression). The instance label may hold dots of its own only through Label(), which removes them.</summary>
    static byte[] Name(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            var l = Encoding.UTF8.GetBytes(label);
            bytes.Add((byte)l.Length);
            bytes.AddRange(l);
        }
        bytes.Add(0);
        return [.. bytes];
    }

    internal static string ReadName(ReadOnlySpan<byte> m, ref int at)
    {
        var labels = new List<string>();
        int pos = at, jumps = 0;
        bool jumped = false;
        while (true)
        {
            byte len = m[pos];
            if (len == 0) { pos++; break; }
            if ((len & 0xC0) == 0xC0)
            {
                if (++jumps > 16) throw new InvalidDataException("name compression loop");
                if (!jumped) at = pos + 2;
                jumped = true;
                pos = ((len & 0x3F) << 8) | m[pos + 1];
                continue;
            }
            labels.Add(Encoding.UTF8.GetString(m.Slice(pos + 1, len)));
            pos += 1 + len;
        }
        if (!jumped) at = pos;
        return string.Join('.', labels);
    }

    /// <summary>The IPv4 addresses Home Assistant can reach: those of the interfaces that are up, loopback only when there is nothing else.</summary>
    static IEnumerable<IPAddress> Addresses()
    {
        var all = NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToList();
        var outside = all.Where(a => !IPAddress.IsLoopback(a)).ToList();
        return outside.Count > 0 ? outside : all;
    }

    public override void Dispose() { _socket?.Dispose(); base.Dispose(); }
}
