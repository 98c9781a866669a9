using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeVoice.Testing;

/// <summary>
/// A real Mosquitto broker on a free loopback port, started and stopped by the test. Stop/Start keep
/// the port so clients can reconnect (for broker-goes-away tests). Extra config lines allow TLS/auth.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    readonly string _dir;
    readonly string _extraConfig;
    Process? _process;

    public int Port { get; }
    public string Host => "127.0.0.1";
    public string ConfigPath => Path.Combine(_dir, "mosquitto.conf");
    public string LogPath => Path.Combine(_dir, "mosquitto.log");

    MosquittoBroker(int port, string extraConfig)
    {
        Port = port;
        _extraConfig = extraConfig;
        _dir = Repo.TempDir("mqtt");
        // Started as root, mosquitto drops to the "mosquitto" user and must still write its persistence file here.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_dir, (UnixFileMode)0b111_111_111);
    }

    /// <param name="listenerConfig">Lines placed under the listener, e.g. TLS or password_file settings.
    /// Without any, the listener allows anonymous clients.</param>
    public static async Task<MosquittoBroker> StartAsync(string listenerConfig = "allow_anonymous true")
    {
        // The free port is only free when asked: test processes run side by side, and another one's broker or
        // outgoing connection may take it first. Then mosquitto exits at once and another port is tried.
        for (int attempt = 1; ; attempt++)
        {
            var b = new MosquittoBroker(FreePort(), listenerConfig);
            try
            {
                await b.StartAsync();
                return b;
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("Address already in use"))
            {
                await b.DisposeAsync();
            }
        }
    }

    public string Dir => _dir;

    public async Task StartAsync()
    {
        var exe = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : Repo.RequireTool("mosquitto");
        File.WriteAllText(ConfigPath, $"""
            per_listener_settings true
            persistence true
            persistence_location {_dir}/
            log_dest file {LogPath}
            log_type all
            listener {Port} 127.0.0.1
            {_extraConfig}
            """.Replace("\n            ", "\n"));
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("-c"); psi.ArgumentList.Add(ConfigPath);
        _process = Process.Start(psi)!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"mosquitto exited ({_process.ExitCode}): {await _process.StandardError.ReadToEndAsync()} {Log()}");
            try { using var c = new TcpClient(); await c.ConnectAsync(IPAddress.Loopback, Port); return; }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new TimeoutException($"mosquitto did not listen on {Port}: {Log()}");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process = null;
    }

    /// <summary>
    /// SIGTERM: mosquitto writes its persistence file (sessions, queued QoS 1 messages) before exiting, so
    /// persistent subscribers lose nothing across the restart. StopAsync (SIGKILL) models a crash instead.
    /// </summary>
    public async Task StopGracefullyAsync()
    {
        if (_process is { HasExited: false })
        {
            await Proc.RunAsync("kill", ["-TERM", _process.Id.ToString()]);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }
        _process = null;
    }

    public string Log() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
