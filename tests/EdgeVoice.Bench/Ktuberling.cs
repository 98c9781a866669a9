using System.Security.Cryptography;
using EdgeVoice.Audio;
using EdgeVoice.Testing;

namespace EdgeVoice.Bench;

/// <summary>
/// Real voices naming things, none a command: the KDE game Potato Guy's words (Debian ktuberling-data, GPL-2+), each
/// said alone by a translator in their language: "eye", "hat", "nose", "camel", "rocket" in English, 1,828 words in 23
/// languages (Ogg, Opus and WAV files). A word is as short as "yes" or "stop", so these test what a kitchen device
/// overhears from a child's game, and what it takes for an answer while a question is open. Held out from session 39.
/// Each should be rejected, or at worst asked back.
/// </summary>
public static class Ktuberling
{
    const string Root = "/usr/share/ktuberling/sounds";

    const string Install = "apt-get install ktuberling-data ffmpeg (scripts/setup.sh does)";

    /// <summary>
    /// The first file of each recording, by language then name: Serbian's three other folders repeat its files, and French
    /// and Ukrainian name some words twice, so a repeated recording is heard once.
    /// </summary>
    static readonly Lazy<HashSet<string>> Firsts = new(() =>
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var firsts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Decoded.SoundFiles(Root, deep: true).Order(StringComparer.Ordinal))
            if (seen.Add(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))))) firsts.Add(file);
        return firsts;
    });

    /// <summary>The languages by folder name ("en", "ca", "fr", …), those with a recording of their own (not Serbian's other scripts).</summary>
    public static string[] Packs() => Directory.Exists(Root)
        ? [.. Directory.GetDirectories(Root).Where(d => Decoded.SoundFiles(d).Any(Firsts.Value.Contains))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
        : throw new DirectoryNotFoundException($"Potato Guy's words are not installed in {Root}: {Install}");

    /// <summary>Every word of <paramref name="pack"/> heard once, each with the room after it (<see cref="Endpointer.WithTail"/>).</summary>
    public static Task<List<Spoken>> ClipsAsync(string pack) => Decoded.FolderAsync(Path.Combine(Root, pack), "ktuberling-" + pack,
        $"ktuberling {pack} (real voice)", name => pack == "en" ? Said(name) : name,
        $"no Potato Guy words in '{pack}' under {Root}: {Install}", Firsts.Value.Contains);

    /// <summary>The English word, without the scene it belongs to: "egypt_camel" → "camel", "moon_fallingstar" → "fallingstar".</summary>
    static string Said(string name) => name[(name.LastIndexOf('_') + 1)..];
}
