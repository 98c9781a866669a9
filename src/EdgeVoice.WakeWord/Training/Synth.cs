using System.Diagnostics;
using EdgeVoice.Audio;
using EdgeVoice.Core;

namespace EdgeVoice.WakeWord.Training;

/// <summary>
/// Synthetic audio from espeak-ng and sox (Debian packages), cached by content in a directory so long
/// streams are built once: what `wake-train` learns from, and what the tests and the wake bench play.
/// </summary>
/// <param name="espeakPath">Speech:EspeakPath (null: espeak-ng on PATH).</param>
public sealed class Synth(string cacheDir, string? espeakPath = null)
{
    /// <summary>The wake bench's voices; training speaks in others (<see cref="TrainingText.CheckHeldOut"/>).</summary>
    public static readonly string[] Voices = ["en-us", "en", "en+m3", "en+f3", "en-gb-x-rp", "en+m1", "en+f2", "en-gb-scotland", "en-029"];

    /// <summary>Spoken text at 16 kHz, leading/trailing silence removed.</summary>
    public float[] Say(string text, string voice = "en-us", int wpm = 160, int pitch = 50)
    {
        var path = Cached($"say-{voice}-{wpm}-{pitch}-{Hash(text)}.wav",
            p => EspeakTool.Run(espeakPath, "-v", voice, "-s", wpm.ToString(), "-p", pitch.ToString(), "-w", p, text));
        return SilenceTrim.Trim(AudioConvert.Load(path), 40, 0).Samples;
    }

    /// <summary>sox-generated noise (white | pink | brown) or a sine tone ("sine 440"), 16 kHz mono, peak-normalised.</summary>
    public float[] Sox(string kind, double seconds)
    {
        // -R seeds sox's noise generator: every machine builds the same stream, so a test's outcome does
        // not depend on where it runs. -D: no dither on the 16-bit output (-R seeds that too, but a tone
        // then needs no random numbers at all), as in scripts/make-samples.sh.
        var path = Cached($"sox-{kind.Replace(' ', '_')}-{seconds}-rd.wav",
            p => RunSox(["-R", "-D", "-n", "-r", "16000", "-c", "1", "-b", "16", p, "synth", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), .. kind.Split(' '), "norm", "-3"]));
        return AudioConvert.Load(path).Samples;
    }

    string Cached(string name, Action<string> make)
    {
        Directory.CreateDirectory(cacheDir);
        var path = Path.Combine(cacheDir, name);
        if (!File.Exists(path))
        {
            // Own temp name per writer: test classes running in parallel may build the same clip.
            var tmp = $"{path}.{Guid.NewGuid():N}.part.wav";
            make(tmp);
            File.Move(tmp, path, true);
        }
        return path;
    }

    static void RunSox(string[] args)
    {
        var psi = new ProcessStartInfo("sox") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false }.WithoutSecrets();
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException("sox is not installed: apt-get install sox", e); }
        using var _ = p;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"sox failed: {err}");
    }

    static string Hash(string s) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s)))[..12];
}
