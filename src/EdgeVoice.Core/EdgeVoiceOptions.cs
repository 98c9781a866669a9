namespace EdgeVoice.Core;

/// <summary>The configuration root: this node, its profile, its models and its devices.</summary>
public sealed class EdgeVoiceOptions
{
    // Bound from the configuration root so EDGEVOICE__NodeId / EDGEVOICE__Devices__0__Name override it.
    /// <summary>Identifies this device in MQTT topics: edgevoice/&lt;NodeId&gt;/...</summary>
    public string NodeId { get; set; } = "kitchen";
    /// <summary>Device profile name: config/&lt;Profile&gt;.json holds its devices (home, factory).</summary>
    public string Profile { get; set; } = "home";
    public string ModelsDir { get; set; } = "models";

    /// <summary>A model file from configuration: absolute as given, relative under <see cref="ModelsDir"/>.</summary>
    public string ModelPath(string file) => Path.IsPathRooted(file) ? file : Path.Combine(ModelsDir, file);
    public List<DeviceOptions> Devices { get; set; } = [];
}
