using System.IO.Compression;
using EdgeVoice.Audio;
using EdgeVoice.Testing;

namespace EdgeVoice.Bench;

/// <summary>
/// Real human speech that is no command: the Asterisk PBX's studio prompts ("Please enter your password", "Cancelled."),
/// CC-BY-SA-3.0, from Debian's asterisk-core-sounds-LANG-g722 (16 kHz G.722, decoded by ffmpeg) with the transcripts
/// asterisk-core-sounds-LANG ships. English is Allison Smith (held out from session 32, seen since); the other languages
/// are other people saying other words (held out from session 33): chatter a kitchen device overhears. Each prompt should
/// be rejected, or at worst asked back; one carried out is a wrong action.
/// </summary>
public static class AsteriskPrompts
{
    /// <summary>Language, the folder of its prompts, and who speaks them.</summary>
    public static readonly (string Lang, string Folder, string Speaker)[] Voices =
    [
        ("en", "en_US_f_Allison", "Allison, US English"),
        ("es", "es_MX_f_Allison", "Allison, Mexican Spanish"),
        ("fr", "fr_CA_f_June", "June, Canadian French"),
        ("it", "it_IT_m_Carlo", "Carlo, Italian (a man)"),
        ("ru", "ru_RU_f_IvrvoiceRU", "a Russian woman"),
    ];

    const string Root = "/usr/share/asterisk/sounds";

    public static string Packages(string lang) => $"asterisk-core-sounds-{lang} asterisk-core-sounds-{lang}-g722";

    /// <summary>Every prompt of <paramref name="lang"/> with a transcript, each with the room after it (<see cref="Endpointer.WithTail"/>).</summary>
    public static async Task<List<Spoken>> PromptsAsync(string lang)
    {
        var (_, folder, speaker) = Voices.FirstOrDefault(v => v.Lang == lang);
        if (folder is null) throw new ArgumentException($"no Asterisk prompts for '{lang}': one of {string.Join(", ", Voices.Select(v => v.Lang))}", nameof(lang));
        string sounds = Path.Combine(Root, folder), transcripts = $"/usr/share/doc/asterisk-core-sounds-{lang}/core-sounds-{lang}.txt.gz";
        if (!File.Exists(transcripts) || !Directory.Exists(sounds))
            throw new FileNotFoundException($"the {lang} Asterisk prompts are not installed: apt-get install {Packages(lang)} ffmpeg (scripts/setup.sh does)", transcripts);
        // The English cache kept its session-32 name, so the files decoded then are used again.
        var cache = Decoded.Cache(lang == "en" ? "allison" : $"asterisk-{lang}");
        var clips = new List<Spoken>();
        foreach (var (key, text) in Read(transcripts, sounds))
            clips.Add(await Decoded.SpokenAsync(Path.Combine(sounds, key + ".g722"), cache, key.Replace('/', '_'), text, $"{speaker} (real voice)", Decoded.G722));
        return clips;
    }

    /// <summary>The transcripts' "key: text" lines whose prompt is installed.</summary>
    static IEnumerable<(string Key, string Text)> Read(string transcripts, string sounds)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(transcripts), CompressionMode.Decompress));
        while (reader.ReadLine() is string line)
        {
            int at = line.IndexOf(':');
            if (line.StartsWith(';') || at <= 0) continue;
            var (key, text) = (line[..at].Trim(), line[(at + 1)..].Trim());
            if (text.Length > 0 && File.Exists(Path.Combine(sounds, key + ".g722"))) yield return (key, text);
        }
    }
}
