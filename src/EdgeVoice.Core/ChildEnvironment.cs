using System.Diagnostics;

namespace EdgeVoice.Core;

/// <summary>
/// The environment handed to the audio and speech tools (aplay, arecord, amixer, espeak-ng): ours minus
/// anything that can carry a secret, so a tool's crash dump, debug output or plug-in never sees the MQTT
/// password or the remote model's key (EDGEVOICE__Mqtt__Password, EDGEVOICE_REMOTE_API_KEY, ...).
/// </summary>
public static class ChildEnvironment
{
    static readonly string[] SecretWords = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "CREDENTIAL", "PRIVATE"];

    public static bool IsSecret(string name) =>
        name.StartsWith("EDGEVOICE", StringComparison.OrdinalIgnoreCase)
        || SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>Removes secret-looking variables from <paramref name="psi"/>'s environment and returns it.</summary>
    public static ProcessStartInfo WithoutSecrets(this ProcessStartInfo psi)
    {
        foreach (var name in psi.Environment.Keys.Where(IsSecret).ToList()) psi.Environment.Remove(name);
        return psi;
    }
}
