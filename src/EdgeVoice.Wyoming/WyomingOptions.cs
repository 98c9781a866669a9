namespace EdgeVoice.Wyoming;

/// <summary>Section "Wyoming". Off by default: nothing listens until Enabled is true.</summary>
public sealed class WyomingOptions
{
    public bool Enabled { get; set; }
    /// <summary>Address to listen on ("0.0.0.0": every interface, so Home Assistant on the LAN reaches it).</summary>
    public string Host { get; set; } = "0.0.0.0";
    /// <summary>TCP port; 0 picks a free one (tests). Wyoming's usual port is 10700.</summary>
    public int Port { get; set; } = 10700;
    /// <summary>Also listen on this Unix socket path when set.</summary>
    public string? UnixSocket { get; set; }
    /// <summary>Connections served at once; one more gets an error event and is closed.</summary>
    public int MaxClients { get; set; } = 8;
    public int MaxHeaderBytes { get; set; } = 16 * 1024;
    public int MaxDataBytes { get; set; } = 64 * 1024;
    /// <summary>Largest payload of one event (an audio chunk is usually a few KiB).</summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;
    /// <summary>Longest audio stream one transcribe or detect accepts, in seconds (bounds memory per client).</summary>
    public int MaxAudioSeconds { get; set; } = 60;
    /// <summary>Wake detectors at once (each loads its own copy of the wake and VAD models).</summary>
    public int MaxWakeSessions { get; set; } = 2;
    /// <summary>Services offered; each also needs its stage to be available.</summary>
    public bool Asr { get; set; } = true;
    public bool Tts { get; set; } = true;
    public bool Wake { get; set; } = true;
    public bool Intent { get; set; } = true;
    public SatelliteOptions Satellite { get; set; } = new();
    public ZeroconfOptions Zeroconf { get; set; } = new();

    internal EventLimits Limits => new(MaxHeaderBytes, MaxDataBytes, MaxPayloadBytes);

    public IEnumerable<string> Problems()
    {
        if (Port is < 0 or > 65535) yield return $"Wyoming:Port {Port} is not a TCP port";
        if (MaxClients < 1) yield return $"Wyoming:MaxClients {MaxClients} must be 1 or more";
        if (MaxHeaderBytes < 256) yield return $"Wyoming:MaxHeaderBytes {MaxHeaderBytes} must be 256 or more";
        if (MaxDataBytes < 1024) yield return $"Wyoming:MaxDataBytes {MaxDataBytes} must be 1024 or more";
        if (MaxPayloadBytes < 4096) yield return $"Wyoming:MaxPayloadBytes {MaxPayloadBytes} must be 4096 or more";
        if (MaxAudioSeconds < 1) yield return $"Wyoming:MaxAudioSeconds {MaxAudioSeconds} must be 1 or more";
        if (MaxWakeSessions < 0) yield return $"Wyoming:MaxWakeSessions {MaxWakeSessions} must be 0 or more";
    }
}

public sealed class SatelliteOptions
{
    /// <summary>
    /// The device is a Home Assistant satellite: its microphone and wake word stream each command to the
    /// connected Home Assistant, which answers with speech. Replaces the local voice loop of `edgevoice run`.
    /// </summary>
    public bool Enabled { get; set; }
    /// <summary>Name shown in Home Assistant; empty: "EdgeVoice &lt;NodeId&gt;".</summary>
    public string Name { get; set; } = "";
    public string Area { get; set; } = "";
    /// <summary>How long to wait for Home Assistant's reply after the command ends, in seconds.</summary>
    public int ReplyTimeoutSeconds { get; set; } = 15;
}

public sealed class ZeroconfOptions
{
    /// <summary>Announce _wyoming._tcp over mDNS so Home Assistant discovers the device.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Service instance name; empty: "edgevoice-&lt;NodeId&gt;".</summary>
    public string Name { get; set; } = "";
}
