using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeVoice.Wyoming.Tests;

/// <summary>The _wyoming._tcp announcement, queried over UDP on loopback as a discovering Home Assistant would (one-shot query).</summary>
public class MdnsTests
{
    static byte[] Query(ushort id, string name, ushort type)
    {
        var q = new List<byte> { (byte)(id >> 8), (byte)id, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var l in name.Split('.')) { q.Add((byte)l.Length); q.AddRange(Encoding.ASCII.GetBytes(l)); }
        q.AddRange(new byte[] { 0, (byte)(type >> 8), (byte)type, 0, 1 });
        return [.. q];
    }

    /// <summary>Answer records as (name, type, rdata offset, rdata length), parsed independently of the responder.</summary>
    static List<(string Name, int Type, int At, int Length)> Answers(byte[] m, out ushort id)
    {
        id = BinaryPrimitives.ReadUInt16BigEndian(m);
        int qd = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(4)), an = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(6));
        int at = 12;
        for (int i = 0; i < qd; i++) { Name(m, ref at); at += 4; }
        var r = new List<(string, int, int, int)>();
        for (int i = 0; i < an; i++)
        {
            var n = Name(m, ref at);
            int type = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(at)), len = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(at + 8));
            r.Add((n, type, at + 10, len));
            at += 10 + len;
        }
        return r;
    }

    static string Name(byte[] m, ref int at)
    {
        var parts = new List<string>();
        while (m[at] != 0) { parts.Add(Encoding.ASCII.GetString(m, at + 1, m[at])); at += 1 + m[at]; }
        at++;
        return string.Join('.', parts);
    }

    [Fact]
    public async Task A_query_for_wyoming_services_gets_the_instance_its_port_and_an_address()
    {
        using var mdns = new MdnsAnnouncer("edgevoice test.kitchen", () => 10712, mdnsPort: 0);
        await mdns.StartAsync(default);
        try
        {
            Assert.NotEqual(0, mdns.BoundPort);
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            await udp.SendAsync(Query(0x1234, "_wyoming._tcp.local", 12), new IPEndPoint(IPAddress.Loopback, mdns.BoundPort));
            using var cts = new CancellationTokenSource(10000);
            var reply = (await udp.ReceiveAsync(cts.Token)).Buffer;
            var answers = Answers(reply, out var id);
            Assert.Equal(0x1234, id);
            Assert.Equal(0x84, reply[2] & 0x84);
            var ptr = Assert.Single(answers, a => a.Type == 12);
            Assert.Equal("_wyoming._tcp.local", ptr.Name);
            int at = ptr.At;
            Assert.Equal("edgevoice-test-kitchen._wyoming._tcp.local", Name(reply, ref at));
            var srv = Assert.Single(answers, a => a.Type == 33);
            Assert.Equal(10712, BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(srv.At + 4)));
            at = srv.At + 6;
            var host = Name(reply, ref at);
            Assert.EndsWith(".local", host);
            Assert.Contains(answers, a => a.Type == 1 && a.Name == host && a.Length == 4);

            // A query about something else gets no answer.
            await udp.SendAsync(Query(7, "_http._tcp.local", 12), new IPEndPoint(IPAddress.Loopback, mdns.BoundPort));
            await udp.SendAsync(Query(8, "_wyoming._tcp.local", 255), new IPEndPoint(IPAddress.Loopback, mdns.BoundPort));
            Answers((await udp.ReceiveAsync(cts.Token)).Buffer, out var next);
            Assert.Equal(8, next);
        }
        finally { await mdns.StopAsync(default); }
    }
}
