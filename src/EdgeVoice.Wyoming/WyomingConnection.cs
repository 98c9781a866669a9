using System.Threading.Channels;

namespace EdgeVoice.Wyoming;

/// <summary>
/// One peer. Events go out through a bounded queue drained by one writer, so a slow reader holds up only
/// its own sender (SendAsync waits: back-pressure), and the audio thread can post without blocking (TryPost).
/// </summary>
public sealed class WyomingConnection : IAsyncDisposable
{
    readonly Stream _stream;
    readonly Channel<WyomingEvent> _out = Channel.CreateBounded<WyomingEvent>(new BoundedChannelOptions(256) { SingleReader = true });
    readonly CancellationTokenSource _closed = new();
    readonly Task _pump;

    public WyomingConnection(Stream stream, string peer, EventLimits limits)
    {
        _stream = stream;
        Peer = peer;
        Reader = new EventReader(stream, limits);
        _pump = Task.Run(Pump);
    }

    public string Peer { get; }
    public EventReader Reader { get; }
    /// <summary>Cancelled when the peer is gone or the connection is closed.</summary>
    public CancellationToken Closed => _closed.Token;

    public async ValueTask SendAsync(WyomingEvent e, CancellationToken ct = default)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, _closed.Token);
        await _out.Writer.WriteAsync(e, both.Token);
    }

    /// <summary>Queues without waiting; false when the queue is full (the peer does not keep up) or closed.</summary>
    public bool TryPost(WyomingEvent e) => _out.Writer.TryWrite(e);

    async Task Pump()
    {
        try
        {
            await foreach (var e in _out.Reader.ReadAllAsync(_closed.Token))
            {
                await _stream.WriteAsync(e.Encode(), _closed.Token);
                if (_out.Reader.Count == 0) await _stream.FlushAsync(_closed.Token);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException) { }
        finally { _closed.Cancel(); }
    }

    /// <summary>Sends what is queued (for at most a second), then closes.</summary>
    public async ValueTask DisposeAsync()
    {
        _out.Writer.TryComplete();
        await Task.WhenAny(_pump, Task.Delay(1000));
        _closed.Cancel();
        await _pump;
        await _stream.DisposeAsync();
        _closed.Dispose();
    }
}
