using System.Globalization;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// The decoders' learned cepstral mean on disk (<see cref="SpeechOptions.CepstralMeanFile"/>): one line of 13 numbers
/// separated by commas (as pocketsphinx's <c>-cmninit</c> writes them), readable over SSH.
/// </summary>
internal static class CepstralMeanFile
{
    /// <summary>The cepstrum's length in the en-us model (13 MFCCs).</summary>
    public const int Length = 13;

    /// <summary>The kept mean, or null when there is none or it is unreadable (then the start is cold, and the log says why).</summary>
    public static float[]? Load(string path, ILogger log)
    {
        if (path.Length == 0 || !File.Exists(path)) return null;
        try
        {
            var parts = File.ReadAllText(path).Trim().Split(',');
            var mean = parts.Select(p => float.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            if (mean.Length == Length && mean.All(float.IsFinite)) return mean;
            log.LogWarning("{File} holds {Count} numbers, not the {Length} of a cepstral mean: starting cold", path, mean.Length, Length);
        }
        catch (Exception e) when (e is FormatException or OverflowException or IOException or UnauthorizedAccessException)
        {
            log.LogWarning("cannot read the cepstral mean in {File} ({Error}): starting cold", path, e.Message);
        }
        return null;
    }

    /// <summary><paramref name="mean"/> as the file holds it.</summary>
    public static string Format(float[] mean) => string.Join(',', mean.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));

    /// <summary>Writes <paramref name="mean"/> whole or not at all: a power cut mid-write leaves the old file.</summary>
    public static void Save(string path, float[] mean, ILogger log)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var tmp = path + ".tmp";
            File.WriteAllText(tmp, Format(mean) + "\n");
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            log.LogWarning("cannot keep the cepstral mean in {File} ({Error}): the next start will be cold", path, e.Message);
        }
    }
}
