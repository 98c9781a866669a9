using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeVoice.Host.Pipeline;

/// <summary>
/// What `systemctl status edgevoice` shows, through systemd's notify socket (NOTIFY_SOCKET; the unit is
/// Type=notify). READY=1 is sent once the loop really listens (models loaded, grammar built, microphone
/// open), or once it knows it cannot, so that `systemctl start` returns when the device can hear.
/// Outside systemd nothing is sent.
/// </summary>
public sealed class ServiceStatus(ISystemdNotifier notifier)
{
    public ServiceStatus() : this(new SystemdNotifier()) { }

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
        if (notifier.IsEnabled) notifier.Notify(new ServiceState(state));
    }
}
