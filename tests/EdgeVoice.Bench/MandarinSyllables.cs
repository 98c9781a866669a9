using EdgeVoice.Testing;

namespace EdgeVoice.Bench;

/// <summary>
/// Every syllable of Mandarin, each said alone by two real voices: the gcin input method's pronunciations (Debian
/// gcin-voice; voice 3 Edward Der-Hua Liu, GPL-3 or LGPL-3; voice 5 the voice actor Chu Lo for ChionMeilin, CC-BY-3),
/// 1,200 and 1,158 of them, a third of a second each. As short as "yes" or "no" and in a language the grammar does not
/// know: what a kitchen device overhears in a Mandarin-speaking home, and the hardest chatter for the answer turn.
/// Held out from session 38. Each should be rejected, or at worst asked back.
/// </summary>
public static class MandarinSyllables
{
    const string Root = "/usr/share/gcin-voice/ogg";

    /// <summary>The two voices, by gcin's file name.</summary>
    public static readonly string[] Voices = ["3", "5"];

    /// <summary>Every syllable <paramref name="voice"/> says, named by its Zhuyin and tone ("ㄧㄝ4"), with the room after it.</summary>
    public static async Task<List<Spoken>> ClipsAsync(string voice)
    {
        var syllables = Directory.Exists(Root) ? Directory.GetDirectories(Root).Order(StringComparer.Ordinal).ToList() : [];
        var files = syllables.Select(s => Path.Combine(s, voice + ".ogg")).Where(File.Exists).ToList();
        if (files.Count == 0)
            throw new FileNotFoundException($"no gcin voice '{voice}' in {Root}: apt-get install gcin-voice ffmpeg (scripts/setup.sh does)", Root);
        var cache = Decoded.Cache("gcin-voice-" + voice);
        var clips = new List<Spoken>();
        foreach (var file in files)
        {
            string syllable = Path.GetFileName(Path.GetDirectoryName(file)!);
            clips.Add(await Decoded.SpokenAsync(file, cache, syllable, syllable, $"mandarin voice {voice} (real voice)"));
        }
        return clips;
    }
}
