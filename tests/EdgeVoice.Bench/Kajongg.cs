using EdgeVoice.Audio;
using EdgeVoice.Testing;

namespace EdgeVoice.Bench;

/// <summary>
/// Real voices calling mahjong tiles, none a command: the voices of the game Kajongg (Debian kajongg, GPL-2+), four
/// English ("bamboo five", "character nine", "green dragon", "east wind", "pung", "no choice") and four German. Short
/// and full of numbers and colour words, the words a brightness, a timer or "set the lights to green" is made of. Held
/// out from session 38. Each should be rejected, or at worst asked back. scripts/setup.sh unpacks only the voices from
/// the package's .deb (installing it would pull in Qt and Python).
/// </summary>
public static class Kajongg
{
    static string Root => Path.Combine(Repo.Root, "artifacts", "voices", "kajongg");

    const string Install = "run scripts/setup.sh (it unpacks the voices from Debian's kajongg .deb; ffmpeg decodes them)";

    /// <summary>The voices: "male1", "female2", …, and the German ones as "de/male1".</summary>
    public static string[] Packs() => Directory.Exists(Root)
        ? [.. Directory.GetFiles(Root, "*.ogg", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, Path.GetDirectoryName(f)!).Replace('\\', '/'))
            .Distinct().Order(StringComparer.Ordinal)]
        : throw new DirectoryNotFoundException($"Kajongg's voices are not in {Root}: {Install}");

    /// <summary>Whether <paramref name="pack"/> speaks English: the German voices sit under "de/".</summary>
    public static bool English(string pack) => !pack.StartsWith("de/", StringComparison.Ordinal);

    /// <summary>Every call of <paramref name="pack"/>, each with the room after it (<see cref="Endpointer.WithTail"/>).</summary>
    public static Task<List<Spoken>> ClipsAsync(string pack) => Decoded.FolderAsync(Path.Combine(Root, pack),
        "kajongg-" + pack.Replace('/', '-'), $"kajongg {pack} (real voice)", name => English(pack) ? Called(name) : name,
        $"no Kajongg voice '{pack}' in {Root}: {Install}");

    static readonly string[] Numbers = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    static readonly Dictionary<string, string> Names = new()
    {
        ["b"] = "bamboo", ["c"] = "character", ["s"] = "stone",
        ["db"] = "white dragon", ["dg"] = "green dragon", ["dr"] = "red dragon",
        ["we"] = "east wind", ["ws"] = "south wind", ["ww"] = "west wind", ["wn"] = "north wind",
        ["mahjongg"] = "mah jongg", ["originalcall"] = "original call", ["violatesoriginalcall"] = "violates original call",
        ["dangerousgame"] = "dangerous game", ["nochoice"] = "no choice",
    };

    /// <summary>What the file's name calls, as Kajongg names its tiles: "b5" → "bamboo five", "dg" → "green dragon".</summary>
    static string Called(string name) =>
        name.Length == 2 && char.IsDigit(name[1]) && Names.TryGetValue(name[..1], out var suit) ? $"{suit} {Numbers[name[1] - '0']}"
        : Names.GetValueOrDefault(name, name);
}
