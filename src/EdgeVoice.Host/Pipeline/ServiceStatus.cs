using System.Net.Sockets;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host.Pipeline;

/// <summary>
/// What `systemctl status edgevoice` shows, through systemd's notify socket (NOTIFY_SOCKET; the unit is
/// Type=notify). READY=1 is sent once the loop really listens (models loaded, grammar built, microphone
/// open), or once it knows it cannot, so that `systemctl start` returns when the device can hear.
/// Outside systemd nothing is sent; a socket that fails (systemd restarting, a stale NOTIFY_SOCKET) is
/// logged once and never ends the service.
/// </summary>
public sealed class ServiceStatus(ISystemdNotifier notifier, ILogger<ServiceStatus>? log = null)
{
    public ServiceStatus(ILogger<ServiceStatus> log) : this(new SystemdNotifier(), log) { }

    int _errors;

    /// <summary>Notifications the socket refused.</summary>
    public int NotifyErrors => Volatile.Read(ref _errors);

    bool _ready;

    public void Ready(string status)
    {
        Status(status);
        if (_ready) return;
        _ready = true;
        Send("READY=1");
    }

    public void Status(string status) => Send("STATUS=" + status.ReplaceLineEndings(" "));

    public void Stopping() => Send("STOPPING=1");

    /// <summary>The watchdog keep-alive ping (see <see cref="WatchdogService"/>).</summary>
    public void KeepAlive() => Send("WATCHDOG=1");

    /// <summary>False outside systemd (no NOTIFY_SOCKET).</summary>
    public bool Enabled => notifier.IsEnabled;

    void Send(string state)
    {
        if (!notifier.IsEnabled) return;
        try { notifier.Notify(new ServiceState(state)); }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            if (Interlocked.Increment(ref _errors) == 1)
                log?.LogWarning("systemd notify socket failed ({Message}); status and watchdog pings may not reach systemd", e.Message);
        }
    }
}
