using EdgeVoice.Audio;
using EdgeVoice.Testing;

namespace EdgeVoice.Bench;

/// <summary>
/// Debian's sound files (Asterisk's 16 kHz G.722, games' Ogg Vorbis, pocketsphinx's headerless PCM) as 16 kHz mono WAVs:
/// ffmpeg decodes each once into the test-audio cache.
/// </summary>
static class Decoded
{
    static readonly Lazy<string> Decoder = new(() => TestAudioCache.Key(TestAudioCache.Tool("ffmpeg", "-version")));

    /// <summary>The cache folder <paramref name="name"/>, keyed by ffmpeg's version (asked once per run) so that a new decoder decodes again.</summary>
    public static string Cache(string name)
    {
        var dir = Path.Combine(TestAudioCache.Dir, name + "-" + Decoder.Value);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// <paramref name="file"/> as a 16 kHz mono WAV in <paramref name="cache"/>, named <paramref name="name"/>;
    /// <paramref name="input"/> are ffmpeg's options for a file it cannot recognise by itself (G.722, raw PCM).
    /// </summary>
    public static async Task<string> WavAsync(string file, string cache, string name, params string[] input)
    {
        var wav = Path.Combine(cache, name + ".wav");
        if (File.Exists(wav)) return wav;
        await TestAudioCache.WriteAtomicAsync(wav, async part =>
        {
            var r = await Proc.RunAsync(Repo.RequireTool("ffmpeg"), ["-hide_banner", "-loglevel", "error", .. input, "-i", file, "-ar", "16000", "-ac", "1", part]);
            if (r.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not decode {file}: {r.StdErr}");
        });
        return wav;
    }

    /// <summary>
    /// <paramref name="file"/> decoded (<see cref="WavAsync"/>) as the clip <paramref name="said"/>, with the room after it
    /// (<see cref="Endpointer.WithTail"/>), as the bench streams it.
    /// </summary>
    public static async Task<Spoken> SpokenAsync(string file, string cache, string name, string said, string condition, params string[] input) =>
        new(said, condition, Endpointer.WithTail(AudioConvert.Load(await WavAsync(file, cache, name, input))));

    /// <summary>
    /// Every sound file in <paramref name="folder"/> (<see cref="Sounds"/>) in name order, decoded into the cache <paramref name="cache"/>
    /// (<see cref="SpokenAsync"/>), each named by <paramref name="said"/> from its file name.
    /// </summary>
    /// <param name="missing">The error when the folder holds none: which package to install.</param>
    /// <param name="keep">Which files to hear (all by default): a recording the package repeats under another name is heard once.</param>
    public static async Task<List<Spoken>> FolderAsync(string folder, string cache, string condition, Func<string, string> said, string missing,
        Func<string, bool>? keep = null)
    {
        var files = Directory.Exists(folder) ? SoundFiles(folder).Where(keep ?? (_ => true)).Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0) throw new FileNotFoundException(missing, folder);
        var dir = Cache(cache);
        var clips = new List<Spoken>();
        foreach (var file in files)
        {
            string name = Path.GetFileNameWithoutExtension(file);
            clips.Add(await SpokenAsync(file, dir, name, said(name), condition));
        }
        return clips;
    }

    /// <summary>The sound files the games ship, all of which ffmpeg recognises: Ogg Vorbis, Opus and WAV.</summary>
    static readonly string[] Sounds = [".ogg", ".opus", ".wav"];

    /// <summary>The sound files in <paramref name="folder"/> (<see cref="Sounds"/>), or under it with <paramref name="deep"/>.</summary>
    public static IEnumerable<string> SoundFiles(string folder, bool deep = false) =>
        Directory.EnumerateFiles(folder, "*", deep ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => Sounds.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase));

    /// <summary>ffmpeg's options for the Asterisk sounds' raw G.722.</summary>
    public static readonly string[] G722 = ["-f", "g722"];
}
