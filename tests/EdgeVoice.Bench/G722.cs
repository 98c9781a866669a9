using EdgeVoice.Testing;

namespace EdgeVoice.Bench;

/// <summary>Debian's Asterisk sounds are 16 kHz G.722: ffmpeg decodes each once into the test-audio cache.</summary>
static class G722
{
    static readonly Lazy<string> Decoder = new(() => TestAudioCache.Key(TestAudioCache.Tool("ffmpeg", "-version")));

    /// <summary>The cache folder <paramref name="name"/>, keyed by ffmpeg's version (asked once per run) so that a new decoder decodes again.</summary>
    public static string Cache(string name)
    {
        var dir = Path.Combine(TestAudioCache.Dir, name + "-" + Decoder.Value);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary><paramref name="file"/> as a 16 kHz mono WAV in <paramref name="cache"/>, named <paramref name="name"/>.</summary>
    public static async Task<string> DecodeAsync(string file, string cache, string name)
    {
        var wav = Path.Combine(cache, name + ".wav");
        if (File.Exists(wav)) return wav;
        await TestAudioCache.WriteAtomicAsync(wav, async part =>
        {
            var r = await Proc.RunAsync(Repo.RequireTool("ffmpeg"), ["-hide_banner", "-loglevel", "error", "-f", "g722", "-i", file, "-ar", "16000", "-ac", "1", part]);
            if (r.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not decode {file}: {r.StdErr}");
        });
        return wav;
    }
}
