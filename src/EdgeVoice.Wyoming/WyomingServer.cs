using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeVoice.Wyoming;

/// <summary>
/// The Wyoming server: TCP (Wyoming:Port) and optionally a Unix socket. Each connection is served on its
/// own task; a peer that breaks the protocol or goes away mid-stream ends only its own connection.
/// </summary>
public sealed class WyomingServer(WyomingOptions o, WyomingStages stages, ILogger<WyomingServer>? log = null) : BackgroundService
{
    readonly ILogger _log = (ILogger?)log ?? NullLogger.Instance;
    readonly SemaphoreSlim _slots = new(o.MaxClients, o.MaxClients);
    readonly List<Socket> _listeners = [];
    readonly Lock _lock = new();
    readonly HashSet<Task> _connections = [];
    int _active;

    /// <summary>The TCP port listened on (the chosen one when Wyoming:Port is 0), once started.</summary>
    public int Port { get; private set; }
    /// <summary>Connections being served now.</summary>
    public int ActiveConnections => Volatile.Read(ref _active);

    public override Task StartAsync(CancellationToken ct)
    {
        var problems = o.Problems().ToList();
        if (problems.Count > 0) throw new InvalidOperationException("invalid Wyoming configuration: " + string.Join("; ", problems));
        if (!IPAddress.TryParse(o.Host, out var ip)) throw new InvalidOperationException($"Wyoming:Host '{o.Host}' is not an IP address");
        try { Listen(ip); }
        catch (SocketException e)
        {
            // The rest of the device (MQTT, the local voice loop) goes on without Home Assistant's access.
            _log.LogError("wyoming: cannot listen on {Host}:{Port} or {Socket}: {Error}; Home Assistant cannot reach this device", o.Host, o.Port, o.UnixSocket ?? "no unix socket", e.Message);
            foreach (var l in _listeners) l.Dispose();
            _listeners.Clear();
        }
        return base.StartAsync(ct);
    }

    void Listen(IPAddress ip)
    {
        var tcp = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listeners.Add(tcp);
        tcp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        tcp.Bind(new IPEndPoint(ip, o.Port));
        tcp.Listen(16);
        Port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
        _log.LogInformation("wyoming: listening on tcp://{Host}:{Port} ({Services})", o.Host, Port, Offered());
        if (string.IsNullOrWhiteSpace(o.UnixSocket)) return;
        // A socket file left by an earlier run that was killed would make bind fail.
        if (File.Exists(o.UnixSocket)) File.Delete(o.UnixSocket);
        var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listeners.Add(unix);
        unix.Bind(new UnixDomainSocketEndPoint(o.UnixSocket));
        unix.Listen(16);
        _log.LogInformation("wyoming: listening on unix://{Path}", o.UnixSocket);
    }

    string Offered() => string.Join(", ", new[] { stages.Stt != null ? "asr" : null, stages.Tts != null ? "tts" : null, stages.Wake != null ? "wake" : null,
        stages.Intents != null ? "intent" : null, stages.Satellite != null ? "satellite" : null }.Where(s => s != null));

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await Task.WhenAll(_listeners.Select(l => AcceptLoop(l, ct)));
        Task[] open;
        lock (_lock) open = [.. _connections];
        await Task.WhenAll(open);
    }

    async Task AcceptLoop(Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket s;
            try { s = await listener.AcceptAsync(ct); }
            catch (OperationCanceledException) { break; }
            catch (SocketException e) { _log.LogWarning("wyoming: accept failed: {Error}", e.Message); continue; }
            if (s.AddressFamily != AddressFamily.Unix) s.NoDelay = true;
            var t = Serve(s, ct);
            lock (_lock) _connections.Add(t);
            _ = t.ContinueWith(done => { lock (_lock) _connections.Remove(done); }, TaskScheduler.Default);
        }
    }

    async Task Serve(Socket socket, CancellationToken ct)
    {
        await Task.Yield();
        string peer = socket.RemoteEndPoint?.ToString() is { Length: > 0 } r ? r : "unix";
        await using var conn = new WyomingConnection(new NetworkStream(socket, ownsSocket: true), peer, o.Limits);
        if (!_slots.Wait(0))
        {
            _log.LogWarning("wyoming: refused {Peer}: {Max} clients already connected", peer, o.MaxClients);
            await conn.SendAsync(WyomingEvent.Error($"too many clients: {o.MaxClients} are connected (Wyoming:MaxClients)", "busy"), ct);
            return;
        }
        Interlocked.Increment(ref _active);
        _log.LogDebug("wyoming: {Peer} connected", peer);
        var session = new WyomingSession(conn, stages, o, _log);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, conn.Closed);
        try { await session.RunAsync(both.Token); }
        catch (WyomingProtocolException p)
        {
            _log.LogWarning("wyoming {Peer}: {Error}; closing the connection", peer, p.Message);
            try { await conn.SendAsync(WyomingEvent.Error(p.Message, p.Code), ct); } catch (OperationCanceledException) { }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException) { _log.LogDebug("wyoming: {Peer} went away: {Error}", peer, e.Message); }
        catch (Exception e) { _log.LogError(e, "wyoming {Peer}: failed; closing the connection", peer); }
        finally
        {
            stages.Satellite?.Disconnected(conn);
            await session.DisposeAsync();
            Interlocked.Decrement(ref _active);
            _slots.Release();
        }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        foreach (var l in _listeners) l.Dispose();
        await base.StopAsync(ct);
        if (!string.IsNullOrWhiteSpace(o.UnixSocket) && File.Exists(o.UnixSocket)) File.Delete(o.UnixSocket);
    }

    public override void Dispose()
    {
        foreach (var l in _listeners) l.Dispose();
        _slots.Dispose();
        base.Dispose();
    }
}
