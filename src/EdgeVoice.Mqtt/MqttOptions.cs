namespace EdgeVoice.Mqtt;

/// <summary>Section "Mqtt". Password may come from EDGEVOICE__Mqtt__Password; it is never logged.</summary>
public sealed class MqttOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1883;
    /// <summary>Defaults to edgevoice-&lt;NodeId&gt;. Must be stable: the broker keeps the session under it.</summary>
    public string? ClientId { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public MqttTlsOptions Tls { get; set; } = new();
    /// <summary>Durable queue of unsent messages; a relative path is resolved against the working directory.</summary>
    public string OutboxDir { get; set; } = DefaultOutboxDir;
    public const string DefaultOutboxDir = "/var/lib/edgevoice/outbox";
    /// <summary>Limits while the broker is away: beyond them expired, then the oldest messages are dropped (logged).</summary>
    public int OutboxMaxMessages { get; set; } = 1000;
    public long OutboxMaxBytes { get; set; } = 8 * 1024 * 1024;
    /// <summary>Commands older than this are dropped instead of switching a light hours late.</summary>
    public int CommandExpirySeconds { get; set; } = 120;
    /// <summary>How long PublishAsync waits for PUBACK while connected before returning (message stays queued).</summary>
    public int PublishWaitMs { get; set; } = 2000;
    /// <summary>Broker keeps the session (subscriptions, queued QoS1 commands for us) this long after a disconnect.</summary>
    public uint SessionExpirySeconds { get; set; } = 86400;
    public int ReconnectMinMs { get; set; } = 500;
    public int ReconnectMaxMs { get; set; } = 30000;
    public int KeepAliveSeconds { get; set; } = 15;
    /// <summary>Inbound commands larger than this are rejected (reported by size, never copied).</summary>
    public int MaxInboundBytes { get; set; } = 64 * 1024;
    /// <summary>Device state payloads larger than this are ignored (a state is a short JSON or word).</summary>
    public int MaxStateBytes { get; set; } = 4096;
    /// <summary>
    /// MQTT 5 Maximum Packet Size sent at connect: the broker drops any larger publish for this client
    /// (live, retained or queued in the session) instead of sending it, so it never reaches memory.
    /// </summary>
    public int MaxPacketBytes { get; set; } = 256 * 1024;
    /// <summary>Remote `say` and `run_wav` (each) accepted per minute; more are refused on the error topic.</summary>
    public int RemoteCommandsPerMinute { get; set; } = 10;
    /// <summary>run_wav only plays files under this directory; empty disables run_wav.</summary>
    public string? RunWavDir { get; set; }
    /// <summary>Bounded wait for the outbox to drain when the hosted service stops (simulate exits).</summary>
    public int FlushOnStopMs { get; set; } = 10000;
    public MqttDiscoveryOptions Discovery { get; set; } = new();
    /// <summary>
    /// What was said goes in the intent event ("transcript") and, with discovery, on the retained
    /// last-transcript sensor. False keeps speech off the broker.
    /// </summary>
    public bool PublishTranscripts { get; set; } = true;

    /// <summary>Fails at start-up with the key to fix instead of misbehaving later.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new InvalidOperationException("Mqtt:Host is empty");
        if (Port is < 1 or > 65535) throw new InvalidOperationException($"Mqtt:Port {Port} is not a TCP port");
        if (CommandExpirySeconds < 1) throw new InvalidOperationException($"Mqtt:CommandExpirySeconds must be at least 1 (is {CommandExpirySeconds})");
        if (ReconnectMinMs < 1 || ReconnectMaxMs < ReconnectMinMs) throw new InvalidOperationException("Mqtt:ReconnectMinMs must be >= 1 and <= Mqtt:ReconnectMaxMs");
        if (MaxInboundBytes < 1) throw new InvalidOperationException("Mqtt:MaxInboundBytes must be positive");
        if (RemoteCommandsPerMinute < 1) throw new InvalidOperationException("Mqtt:RemoteCommandsPerMinute must be at least 1");
        if (MaxStateBytes < 1) throw new InvalidOperationException("Mqtt:MaxStateBytes must be positive");
        if (MaxPacketBytes < Math.Max(MaxInboundBytes, MaxStateBytes) + 1024)
            throw new InvalidOperationException($"Mqtt:MaxPacketBytes ({MaxPacketBytes}) must exceed Mqtt:MaxInboundBytes and Mqtt:MaxStateBytes by at least 1024 (topic and header)");
        if (string.IsNullOrWhiteSpace(OutboxDir)) throw new InvalidOperationException("Mqtt:OutboxDir is empty");
        if (OutboxMaxMessages < 2 || OutboxMaxBytes < 4096) throw new InvalidOperationException("Mqtt:OutboxMaxMessages must be at least 2 and Mqtt:OutboxMaxBytes at least 4096");
        if (!string.IsNullOrEmpty(Tls.ClientKey) && string.IsNullOrEmpty(Tls.ClientCert)) throw new InvalidOperationException("Mqtt:Tls:ClientKey is set without Mqtt:Tls:ClientCert");
        foreach (var (key, file) in new[] { ("CaFile", Tls.CaFile), ("ClientCert", Tls.ClientCert), ("ClientKey", Tls.ClientKey) })
            if (!string.IsNullOrEmpty(file) && !File.Exists(file)) throw new FileNotFoundException($"Mqtt:Tls:{key} not found: {file}", file);
    }
}

public sealed class MqttTlsOptions
{
    /// <summary>Turns TLS on; also implied by CaFile.</summary>
    public bool Enabled { get; set; }
    /// <summary>PEM CA that signed the broker certificate (the system store is used when empty).</summary>
    public string? CaFile { get; set; }
    public string? ClientCert { get; set; }
    public string? ClientKey { get; set; }
    public bool UseTls => Enabled || !string.IsNullOrEmpty(CaFile);
}

public sealed class MqttDiscoveryOptions
{
    public bool Enabled { get; set; } = true;
    public string Prefix { get; set; } = "homeassistant";
    /// <summary>Also announce configured devices (light/switch/fan/cover) so HA can show them.</summary>
    public bool AnnounceDevices { get; set; }
}
