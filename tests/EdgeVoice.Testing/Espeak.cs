namespace EdgeVoice.Testing;

/// <summary>Synthesised spoken test commands (espeak-ng from Debian, installed by scripts/setup.sh).</summary>
public static class Espeak
{
    /// <returns>Path of a WAV file (espeak-ng's native 22.05 kHz mono) with the spoken text.</returns>
    public static async Task<string> SayAsync(string text, string dir, string voice = "en-us", int wordsPerMinute = 160, int pitch = 50)
    {
        var espeak = Repo.RequireTool("espeak-ng");
        Directory.CreateDirectory(dir);
        // The slug is cut at 40 characters; the hash keeps sentences that begin alike apart.
        var path = Path.Combine(dir, $"{Slug(text)}-{TestAudioCache.Key(text)[..8]}-{voice.Replace('+', '_')}-{wordsPerMinute}-{pitch}.wav");
        // Test classes run in parallel and say the same sentences into the same folder: each writes its
        // own file and renames it into place, so no reader sees a half-written WAV.
        var tmp = $"{path}.{Guid.NewGuid():N}.part.wav";
        var r = await Proc.RunAsync(espeak, ["-v", voice, "-s", wordsPerMinute.ToString(), "-p", pitch.ToString(), "-w", tmp, text]);
        if (r.ExitCode != 0) throw new InvalidOperationException($"espeak-ng failed: {r.StdErr}");
        File.Move(tmp, path, overwrite: true);
        return path;
    }

    public static string Slug(string text)
    {
        var s = new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
        return s.Length > 40 ? s[..40] : s;
    }
}
