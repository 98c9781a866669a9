using EdgeVoice.Audio;
using EdgeVoice.Testing;

namespace EdgeVoice.Bench;

/// <summary>
/// Real voices shouting, none a command: the voice packs of the game Hedgewars (Debian hedgewars-data, GFDL-1.3), actors
/// saying "Hello", "Take cover", "Yes sir", "Cut it out", "Nooo" in British, hillbilly, mobster, pirate, surfer and
/// Russian-accented English, one sung and one through a robot effect, and five packs in Spanish, Polish, Russian and
/// Ukrainian. Short, loud and expressive where the Asterisk prompts are calm: what a kitchen device overhears from a
/// television or a game. Held out from session 37. Each should be rejected, or at worst asked back.
/// </summary>
public static class Hedgewars
{
    const string Root = "/usr/share/games/hedgewars/Data/Sounds/voices";

    const string Install = "apt-get install hedgewars-data ffmpeg (scripts/setup.sh does)";

    /// <summary>The installed packs' names ("British", "Default_es", …).</summary>
    public static string[] Packs() => Directory.Exists(Root)
        ? [.. Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
        : throw new DirectoryNotFoundException($"Hedgewars' voices are not installed in {Root}: {Install}");

    /// <summary>Whether <paramref name="pack"/> speaks English: the others are named for their language ("Default_es").</summary>
    public static bool English(string pack) => !pack.Contains('_');

    /// <summary>Every line of <paramref name="pack"/>, each with the room after it (<see cref="Endpointer.WithTail"/>).</summary>
    public static Task<List<Spoken>> ClipsAsync(string pack) => Decoded.FolderAsync(Path.Combine(Root, pack), "hedgewars-" + pack,
        $"hedgewars {pack} (real voice)", Said, $"no Hedgewars voice pack '{pack}' in {Root}: {Install}");

    /// <summary>The file's name is the line, without the take's number: "Firepunch3" → "firepunch".</summary>
    static string Said(string name) => name.TrimEnd("0123456789".ToCharArray()).ToLowerInvariant();
}
