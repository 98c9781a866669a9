using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeVoice.Mqtt;

/// <summary>A received publish. Payload is empty (not copied) when Size is above what any consumer accepts.</summary>
public sealed record InboundMessage(string Topic, byte[] Payload, bool Retain, long Size)
{
    public InboundMessage(string topic, byte[] payload, bool retain) : this(topic, payload, retain, payload.Length) { }
    public bool Oversized => Size > Payload.Length;
}

/// <summary>
/// The one broker connection: reconnects with exponential backoff and jitter (MQTTnet v5 has no managed
/// client), keeps a persistent session, drains the durable outbox in order with QoS 1, and republishes
/// retained state (birth, discovery, sensors) after every reconnect.
/// </summary>
public sealed class MqttLink : IAsyncDisposable, IDisposable
{
    readonly MqttOptions _o;
    readonly ILogger _log;
    readonly IEventBus? _bus;
    readonly IMqttClient _client;
    readonly ConcurrentDictionary<long, TaskCompletionSource<bool>> _waiters = new();
    readonly ConcurrentDictionary<string, byte> _subscriptions = new();
    readonly ConcurrentDictionary<string, (string Payload, bool Retain)> _retained = new();
    readonly List<Func<InboundMessage, Task>> _handlers = [];
    readonly SemaphoreSlim _wake = new(0);
    readonly object _startGate = new();
    CancellationTokenSource? _cts;
    Task? _loop;

    public string NodeId { get; }
    public string ClientId { get; }
    public Outbox Outbox { get; }
    public string StatusTopic => $"edgevoice/{NodeId}/status";
    public bool IsConnected => _client.IsConnected;
    /// <summary>Why the last connection attempt failed (no secrets), or null once connected.</summary>
    public string? LastError { get; private set; }
    public int Reconnects { get; private set; }
    /// <summary>True once a connection attempt has finished (either way), so callers can tell "starting" from "down".</summary>
    public bool HasTriedConnecting { get; private set; }
    public string Endpoint => $"{_o.Host}:{_o.Port}";
    public long Expired => Interlocked.Read(ref _expired);
    long _expired;
    int _disposed;
    volatile string? _tlsProblem;

    public MqttLink(IOptions<MqttOptions> options, IOptions<EdgeVoiceOptions> voice, ILogger<MqttLink> log, IEventBus? bus = null)
    {
        _o = options.Value;
        _o.Validate();
        _log = log;
        _bus = bus;
        NodeId = voice.Value.NodeId;
        ClientId = string.IsNullOrWhiteSpace(_o.ClientId) ? $"edgevoice-{NodeId}" : _o.ClientId;
        Outbox = OpenOutbox(_o, log, Environment.GetEnvironmentVariable);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += e =>
        {
            // Our own clean shutdown is routine; anything else is worth a warning in the journal.
            if (e.ClientWasConnected)
                _log.Log(e.Reason == MqttClientDisconnectReason.NormalDisconnection ? LogLevel.Information : LogLevel.Warning,
                    "MQTT disconnected from {Host}:{Port}: {Reason}", _o.Host, _o.Port, e.Reason);
            _wake.Release();
            return Task.CompletedTask;
        };
        _client.ApplicationMessageReceivedAsync += OnMessage;
        if ((!string.IsNullOrEmpty(_o.Username) || !string.IsNullOrEmpty(_o.Password)) && !_o.Tls.UseTls && !IsLoopback(_o.Host))
            _log.LogWarning("MQTT credentials for user '{User}' go to {Host}:{Port} unencrypted: set Mqtt:Tls:Enabled (or Mqtt:Tls:CaFile) for a broker that is not on this machine",
                _o.Username, _o.Host, _o.Port);
        if (Outbox.Count > 0) _log.LogInformation("MQTT outbox {Dir} holds {Count} message(s) from a previous run", Outbox.Dir, Outbox.Count);
    }

    /// <summary>
    /// The packaged default lives under /var/lib (systemd's StateDirectory, also found through
    /// $STATE_DIRECTORY). Where that is not writable and no service manager runs us (a developer running
    /// simulate) it falls back to the user's state dir. Under systemd, or with an explicit value, an unusable
    /// folder is a clear start-up error: ProtectHome hides the fallback, so trying it only crash-loops.
    /// </summary>
    internal static Outbox OpenOutbox(MqttOptions o, ILogger log, Func<string, string?> env, TimeProvider? time = null)
    {
        var limits = new OutboxLimits(o.OutboxMaxMessages, o.OutboxMaxBytes);
        var dir = o.OutboxDir;
        bool isDefault = dir == MqttOptions.DefaultOutboxDir;
        if (isDefault && env("STATE_DIRECTORY") is { Length: > 0 } state) dir = Path.Combine(state.Split(':')[0], "outbox");
        try { return new Outbox(dir, limits, time); }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            if (!isDefault) throw new InvalidOperationException($"Mqtt:OutboxDir '{dir}' cannot be used: {e.Message}", e);
            if (env("INVOCATION_ID") is { Length: > 0 })
                throw new InvalidOperationException($"the outbox folder {dir} cannot be used ({e.Message}): give the unit StateDirectory=edgevoice " +
                    "or set Mqtt:OutboxDir to a folder the service user may write", e);
            var home = env("XDG_STATE_HOME") is { Length: > 0 } x ? x : Path.Combine(env("HOME") ?? "/nonexistent", ".local", "state");
            var fallback = Path.Combine(home, "edgevoice", "outbox");
            try
            {
                var box = new Outbox(fallback, limits, time);
                log.LogWarning("MQTT outbox {Dir} is not writable ({Message}); using {Fallback}. Set Mqtt:OutboxDir to choose.", dir, e.Message, fallback);
                return box;
            }
            catch (Exception e2) when (e2 is UnauthorizedAccessException or IOException)
            {
                throw new InvalidOperationException($"no usable outbox folder: {dir} ({e.Message}), nor {fallback} ({e2.Message}); set Mqtt:OutboxDir to a writable folder", e2);
            }
        }
    }

    static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    public void OnMessage(Func<InboundMessage, Task> handler) { lock (_handlers) _handlers.Add(handler); }

    /// <summary>Starts the connect/drain loop once; never throws when the broker is down (messages wait in the outbox).</summary>
    public Task StartAsync()
    {
        lock (_startGate)
        {
            if (_loop != null) return Task.CompletedTask;
            _cts = new CancellationTokenSource();
            _loop = Task.Run(() => RunAsync(_cts.Token));
        }
        return Task.CompletedTask;
    }

    public async Task SubscribeAsync(string topicFilter, CancellationToken ct = default)
    {
        if (!_subscriptions.TryAdd(topicFilter, 0) || !_client.IsConnected) return;
        try { await _client.SubscribeAsync(SubscribeOptions([topicFilter]), ct); }
        catch (Exception e) when (e is not OperationCanceledException) { _log.LogWarning("MQTT subscribe {Topic} failed: {Message}", topicFilter, e.Message); }
    }

    /// <summary>Queues a message durably; the task completes true on PUBACK, false when it expired or was refused.</summary>
    public Task<bool> Enqueue(string topic, string payload, bool retain, TimeSpan ttl) => EnqueueAll([(topic, payload)], retain, ttl)[0];

    /// <summary>
    /// Queues messages that belong together (a command and its event) durably, all or none: a full disk
    /// throws and sends nothing. When the outbox is at its limits the oldest messages make room (logged).
    /// </summary>
    public IReadOnlyList<Task<bool>> EnqueueAll(IReadOnlyList<(string Topic, string Payload)> items, bool retain, TimeSpan ttl)
    {
        var queued = Outbox.EnqueueAll(items, retain, ttl, out var dropped);
        if (dropped.Count > 0)
            _log.LogWarning("MQTT outbox {Dir} is full (Mqtt:OutboxMaxMessages {Max}, Mqtt:OutboxMaxBytes {MaxBytes}): dropping {Count} old message(s)",
                Outbox.Dir, _o.OutboxMaxMessages, _o.OutboxMaxBytes, dropped.Count);
        foreach (var m in dropped) Drop(m, "outbox full");
        var acks = queued.Select(m =>
        {
            var tcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters[m.Seq] = tcs;
            return tcs.Task;
        }).ToList();
        _wake.Release();
        return acks;
    }

    /// <summary>
    /// Latest value of a retained state topic (sensors, discovery, empty = delete): sent now when connected and
    /// again after every reconnect. Not queued: only the newest value matters.
    /// </summary>
    public Task SetRetainedAsync(string topic, string payload)
    {
        _retained[topic] = (payload, true);
        return PublishNowAsync(topic, payload, true);
    }

    /// <summary>Fire-and-forget notice (error reports): sent when connected, otherwise logged and dropped.</summary>
    public Task PublishNowAsync(string topic, string payload, bool retain = false)
    {
        if (!_client.IsConnected) return Task.CompletedTask;
        return SendAsync(topic, payload, retain, null, CancellationToken.None).ContinueWith(
            t => { if (t.IsFaulted) _log.LogDebug("MQTT publish {Topic} failed: {Message}", topic, t.Exception!.GetBaseException().Message); },
            TaskScheduler.Default);
    }

    /// <summary>Waits (bounded) until the outbox is empty. Returns how many messages are still undelivered.</summary>
    public async Task<int> FlushAsync(TimeSpan timeout)
    {
        await StartAsync();
        var end = DateTime.UtcNow + timeout;
        while (Outbox.Count > 0 && DateTime.UtcNow < end) await Task.Delay(20);
        return Outbox.Count;
    }

    public async Task<bool> WaitConnectedAsync(TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (!_client.IsConnected && DateTime.UtcNow < end) await Task.Delay(20);
        return _client.IsConnected;
    }

    async Task RunAsync(CancellationToken ct)
    {
        int delay = _o.ReconnectMinMs;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    try { await ConnectOnceAsync(ct); }
                    finally { HasTriedConnecting = true; }
                    delay = _o.ReconnectMinMs;
                }
                await DrainAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                LastError = Describe(e);
                _log.LogWarning("MQTT {Host}:{Port} unavailable: {Error}; retrying in ~{Delay} ms", _o.Host, _o.Port, LastError, delay);
                try { await Task.Delay(Jitter(delay), ct); } catch (OperationCanceledException) { break; }
                delay = Math.Min(delay * 2, _o.ReconnectMaxMs);
            }
        }
    }

    static int Jitter(int ms) => (int)(ms * (0.5 + Random.Shared.NextDouble() * 0.5)); // spread out a fleet reconnecting at once

    async Task ConnectOnceAsync(CancellationToken ct)
    {
        var r = await _client.ConnectAsync(BuildOptions(), ct);
        if (r.ResultCode != MqttClientConnectResultCode.Success)
            throw new BrokerRefusedException(r.ResultCode);
        LastError = null;
        Reconnects++;
        _log.LogInformation("MQTT connected to {Host}:{Port} as {ClientId} (session present: {Session}, outbox {Count})",
            _o.Host, _o.Port, ClientId, r.IsSessionPresent, Outbox.Count);
        if (!_subscriptions.IsEmpty) await _client.SubscribeAsync(SubscribeOptions(_subscriptions.Keys), ct);
        await SendAsync(StatusTopic, "online", true, null, ct);
        foreach (var (topic, v) in _retained) await SendAsync(topic, v.Payload, v.Retain, null, ct);
    }

    async Task DrainAsync(CancellationToken ct)
    {
        while (_client.IsConnected && !ct.IsCancellationRequested)
        {
            var m = Outbox.Peek();
            if (m == null) { await _wake.WaitAsync(1000, ct); continue; }
            var left = Outbox.Remaining(m);
            if (left <= TimeSpan.Zero) { Drop(m, "expired"); continue; }
            var r = await SendAsync(m.Topic, m.Payload, m.Retain, left, ct);
            if (r.IsSuccess || r.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers) Done(m, true);
            else
            {
                _log.LogError("MQTT broker refused {Topic}: {Reason} (check the broker ACL)", m.Topic, r.ReasonCode);
                Drop(m, "refused by broker: " + r.ReasonCode);
            }
        }
    }

    void Drop(OutboxMessage m, string why)
    {
        if (why == "expired") Interlocked.Increment(ref _expired);
        _log.LogWarning("MQTT dropped message {Seq} for {Topic} ({Why}, queued for {Ttl} s)", m.Seq, m.Topic, why, m.TtlSeconds);
        _bus?.Publish(new Notice($"A command for {m.Topic} was not sent: {why}.", IsError: true));
        Done(m, false);
    }

    void Done(OutboxMessage m, bool delivered)
    {
        Outbox.Remove(m.Seq);
        if (_waiters.TryRemove(m.Seq, out var w)) w.TrySetResult(delivered);
    }

    Task<MqttClientPublishResult> SendAsync(string topic, string payload, bool retain, TimeSpan? expiry, CancellationToken ct)
    {
        var b = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain);
        if (expiry is { } e) b.WithMessageExpiryInterval((uint)Math.Max(1, e.TotalSeconds));
        return _client.PublishAsync(b.Build(), ct);
    }

    MqttClientSubscribeOptions SubscribeOptions(IEnumerable<string> filters)
    {
        var b = new MqttClientSubscribeOptionsBuilder();
        foreach (var f in filters) b.WithTopicFilter(t => t.WithTopic(f).WithAtLeastOnceQoS());
        return b.Build();
    }

    MqttClientOptions BuildOptions()
    {
        var b = new MqttClientOptionsBuilder()
            .WithTcpServer(_o.Host, _o.Port)
            .WithClientId(ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(_o.SessionExpirySeconds)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_o.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithMaximumPacketSize((uint)_o.MaxPacketBytes)
            .WithWillTopic(StatusTopic).WithWillPayload("offline").WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (!string.IsNullOrEmpty(_o.Username)) b.WithCredentials(_o.Username, _o.Password ?? "");
        if (_o.Tls.UseTls) b.WithTlsOptions(ConfigureTls);
        return b.Build();
    }

    void ConfigureTls(MqttClientTlsOptionsBuilder t)
    {
        t.UseTls();
        if (!string.IsNullOrEmpty(_o.Tls.CaFile))
        {
            if (!File.Exists(_o.Tls.CaFile)) throw new FileNotFoundException($"Mqtt:Tls:CaFile not found: {_o.Tls.CaFile}");
            var ca = new X509Certificate2Collection();
            ca.ImportFromPemFile(_o.Tls.CaFile);
            t.WithCertificateValidationHandler(e => ValidateAgainst(ca, e.Certificate, e.SslPolicyErrors));
        }
        if (!string.IsNullOrEmpty(_o.Tls.ClientCert))
        {
            var cert = X509Certificate2.CreateFromPemFile(_o.Tls.ClientCert, string.IsNullOrEmpty(_o.Tls.ClientKey) ? null : _o.Tls.ClientKey);
            t.WithClientCertificates([cert]);
        }
    }

    /// <summary>
    /// Trusts only the configured CA (not the system store) and still requires the host name to match.
    /// Why a certificate was refused is kept for LastError: the TLS exception only says "rejected".
    /// </summary>
    bool ValidateAgainst(X509Certificate2Collection ca, X509Certificate? cert, SslPolicyErrors errors)
    {
        _tlsProblem = null;
        if (cert == null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)) _tlsProblem = "the broker sent no certificate";
        else if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) _tlsProblem = $"the broker's certificate does not name {_o.Host}";
        else
        {
            using var c2 = X509CertificateLoader.LoadCertificate(cert.GetRawCertData());
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (!chain.Build(c2))
                _tlsProblem = $"the broker's certificate ({c2.Issuer}) is not signed by Mqtt:Tls:CaFile {_o.Tls.CaFile} ({string.Join(", ", chain.ChainStatus.Select(x => x.Status))})";
        }
        return _tlsProblem == null;
    }

    string Describe(Exception e)
    {
        var code = e switch
        {
            BrokerRefusedException b => b.Code,
            // MQTTnet's connect exception carries the CONNACK code; read it without binding to its shape across versions.
            _ => e.GetType().GetProperty("ResultCode")?.GetValue(e) as MqttClientConnectResultCode?,
        };
        if (code is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized)
            return $"broker rejected the username/password ({code}); check Mqtt:Username and Mqtt:Password / EDGEVOICE__Mqtt__Password (user '{_o.Username}')";
        if (code is { } c) return $"broker refused the connection: {c}";
        if (_tlsProblem is { } tls && Chain(e).Any(x => x is System.Security.Authentication.AuthenticationException)) return "TLS: " + tls;
        return string.Join(": ", Chain(e).Select(x => x.Message).Where(m => m.Length > 0).Distinct().DefaultIfEmpty(e.GetType().Name));
    }

    static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x != null; x = x.InnerException) yield return x;
    }

    async Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        var a = e.ApplicationMessage;
        // A broker that ignores the advertised maximum may still send more than any consumer takes: pass on its size only.
        var size = a.Payload.Length;
        var msg = new InboundMessage(a.Topic, size <= Math.Max(_o.MaxInboundBytes, _o.MaxStateBytes) ? a.Payload.ToArray() : [], a.Retain, size);
        Func<InboundMessage, Task>[] hs;
        lock (_handlers) hs = [.. _handlers];
        foreach (var h in hs)
        {
            try { await h(msg); }
            catch (Exception ex) { _log.LogError(ex, "MQTT handler for {Topic} failed", msg.Topic); }
        }
    }

    /// <summary>Test hook for a process kill: stop without DISCONNECT, so the broker publishes the last will.</summary>
    internal async Task AbortAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Task? loop;
        lock (_startGate) { loop = _loop; _cts?.Cancel(); }
        _client.Dispose(); // closes the socket without a DISCONNECT packet
        if (loop != null) { try { await loop; } catch (Exception) { } }
        foreach (var w in _waiters.Values) w.TrySetResult(false);
    }

    // Hosts built with `using var host` dispose synchronously.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Task? loop;
        lock (_startGate) { loop = _loop; _cts?.Cancel(); }
        if (loop != null) { try { await loop; } catch (OperationCanceledException) { } }
        if (_client.IsConnected)
        {
            try
            {
                await SendAsync(StatusTopic, "offline", true, null, CancellationToken.None);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
            }
            catch (Exception e) { _log.LogDebug("MQTT disconnect: {Message}", e.Message); }
        }
        _client.Dispose();
        foreach (var w in _waiters.Values) w.TrySetResult(false);
    }
}

public sealed class BrokerRefusedException(MqttClientConnectResultCode code) : Exception($"broker refused the connection: {code}")
{
    public MqttClientConnectResultCode Code { get; } = code;
}
