using System.IO.Compression;
using EdgeVoice.Audio;
using EdgeVoice.Testing;

namespace EdgeVoice.Bench;

/// <summary>
/// Real human speech that is no command: the 568 studio prompts Allison Smith recorded for the Asterisk PBX ("Please enter
/// your password", "Cancelled.", "question mark"), CC-BY-SA-3.0, from Debian's asterisk-core-sounds-en-g722 (16 kHz G.722,
/// decoded by ffmpeg) with the transcripts asterisk-core-sounds-en ships. A voice nothing here was tuned on (held out from
/// session 32): each prompt should be rejected, or at worst asked back; one carried out is a wrong action.
/// </summary>
public static class Allison
{
    public const string Sounds = "/usr/share/asterisk/sounds/en_US_f_Allison";
    public const string Transcripts = "/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz";
    const string Install = "apt-get install asterisk-core-sounds-en asterisk-core-sounds-en-g722 ffmpeg (scripts/setup.sh does)";

    /// <summary>Every prompt with a transcript, each with the room after it (<see cref="Endpointer.WithTail"/>).</summary>
    public static async Task<List<Spoken>> PromptsAsync()
    {
        if (!File.Exists(Transcripts) || !Directory.Exists(Sounds))
            throw new FileNotFoundException($"Allison's prompts are not installed: {Install}", Transcripts);
        var ffmpeg = Repo.RequireTool("ffmpeg");
        var cache = Path.Combine(TestAudioCache.Dir, "allison-" + TestAudioCache.Key(TestAudioCache.Tool("ffmpeg", "-version")));
        Directory.CreateDirectory(cache);
        var clips = new List<Spoken>();
        foreach (var (key, text) in Read())
        {
            var wav = Path.Combine(cache, key.Replace('/', '_') + ".wav");
            if (!File.Exists(wav))
            {
                var part = $"{wav}.{Guid.NewGuid():N}.part.wav";
                var r = await Proc.RunAsync(ffmpeg, ["-hide_banner", "-loglevel", "error", "-f", "g722", "-i", Path.Combine(Sounds, key + ".g722"), "-ar", "16000", "-ac", "1", part]);
                if (r.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not decode {key}.g722: {r.StdErr}");
                File.Move(part, wav, overwrite: true);
            }
            clips.Add(new Spoken(text, "allison (real voice)", Endpointer.WithTail(AudioConvert.Load(wav))));
        }
        return clips;
    }

    /// <summary>The transcripts' "key: text" lines whose prompt is installed.</summary>
    static IEnumerable<(string Key, string Text)> Read()
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Transcripts), CompressionMode.Decompress));
        while (reader.ReadLine() is string line)
        {
            int at = line.IndexOf(':');
            if (line.StartsWith(';') || at <= 0) continue;
            var (key, text) = (line[..at].Trim(), line[(at + 1)..].Trim());
            if (text.Length > 0 && File.Exists(Path.Combine(Sounds, key + ".g722"))) yield return (key, text);
        }
    }
}
