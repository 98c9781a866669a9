using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeVoice.Host.Tests;

/// <summary>What the service sends systemd, recorded in-process.</summary>
sealed class NotifyRecorder(bool enabled) : ISystemdNotifier
{
    public List<string> Sent { get; } = [];
    public bool IsEnabled => enabled;
    public void Notify(ServiceState state) => Sent.Add(state.ToString());
}

/// <summary>
/// `edgevoice run` as systemd starts it: the test binds the notify socket (NOTIFY_SOCKET) and records each
/// datagram with its arrival time. The input is a WAV file until a test changes <see cref="Env"/>; replies,
/// MQTT outbox and hardware are stand-ins in <see cref="Dir"/>. Without <c>brokerPort</c> nothing listens on its broker port.
/// </summary>
sealed class ServiceRun : IDisposable
{
    public sealed record Datagram(TimeSpan At, string Text);

    readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    readonly List<Datagram> _sent = [];
    readonly Stopwatch _clock = Stopwatch.StartNew();

    public string Dir { get; }
    public Dictionary<string, string> Env { get; }

    public ServiceRun(string prefix, int? brokerPort = null)
    {
        Dir = Repo.TempDir(prefix);
        var socketPath = Path.Combine(Dir, "notify");
        _socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        Env = TestSettings.Service(Dir, brokerPort ?? MosquittoBroker.FreePort(), Path.Combine(Repo.Models, "samples", "open_the_blinds.wav")).AsEnv();
        Env["NOTIFY_SOCKET"] = socketPath;
        Env["JOURNAL_STREAM"] = "8:12345";
    }

    public TimeSpan Now => _clock.Elapsed;

    public Datagram[] Sent { get { lock (_sent) return [.. _sent]; } }

    public string[] Texts => [.. Sent.Select(d => d.Text)];

    /// <summary>Runs the service until it ends, or until <paramref name="stop"/> kills it.</summary>
    public async Task<Proc.Result> RunAsync(CancellationToken stop = default)
    {
        using var done = new CancellationTokenSource();
        var reader = Task.Run(() => Read(done.Token));
        var r = await Proc.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgevoice.dll"), "run"], TimeSpan.FromMinutes(2), env: Env, stop: stop);
        await Task.Delay(200); // datagrams still in the socket
        done.Cancel();
        await reader;
        return r;
    }

    async Task Read(CancellationToken ct)
    {
        var buf = new byte[4096];
        try
        {
            while (true)
            {
                int n = await _socket.ReceiveAsync(buf, SocketFlags.None, ct);
                lock (_sent) _sent.Add(new(Now, Encoding.UTF8.GetString(buf, 0, n)));
            }
        }
        catch (OperationCanceledException) { }
    }

    public void Dispose() => _socket.Dispose();
}
