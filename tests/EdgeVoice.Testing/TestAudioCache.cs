using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace EdgeVoice.Testing;

/// <summary>
/// Where synthesised test audio is kept between runs: per user (~/.cache/edgevoice/test-audio, or
/// $EDGEVOICE_TEST_AUDIO), never a fixed /tmp path another checkout shares. Every file's name carries a hash
/// of what it is made from, so a changed input or generator is rebuilt instead of read stale.
/// </summary>
public static class TestAudioCache
{
    public static string Dir => Environment.GetEnvironmentVariable("EDGEVOICE_TEST_AUDIO") is { Length: > 0 } d
        ? d
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgevoice", "test-audio");

    /// <summary>What every clip depends on besides its own name: Synth's source and the espeak-ng and sox versions.</summary>
    public static string ClipVersion { get; } = Key(Source("src/EdgeVoice.WakeWord/Training/Synth.cs"), Source("src/EdgeVoice.Core/EspeakTool.cs"),
        Tool("espeak-ng", "--version"), Tool("sox", "--version"));

    /// <summary>The folder of espeak-ng/sox clips (Synth names each by its text, voice and settings).</summary>
    public static string Clips => Path.Combine(Dir, "clips-" + ClipVersion);

    /// <summary>A short hex hash of the parts, in order.</summary>
    public static string Key(params IEnumerable<string> parts)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var p in parts)
        {
            var bytes = Encoding.UTF8.GetBytes(p);
            h.AppendData(BitConverter.GetBytes(bytes.Length)); // length first: ("ab","c") and ("a","bc") differ
            h.AppendData(bytes);
        }
        return Convert.ToHexString(h.GetHashAndReset())[..16].ToLowerInvariant();
    }

    public static string Hash(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data))[..16].ToLowerInvariant();

    /// <summary>A source file of this checkout, hashed: the generator's version.</summary>
    public static string Source(string relative) => Hash(File.ReadAllBytes(Path.Combine(Repo.Root, relative)));

    /// <summary>What <paramref name="name"/> prints for <paramref name="arg"/> (its version): part of a cache key.</summary>
    public static string Tool(string name, string arg)
    {
        var psi = new ProcessStartInfo(Repo.RequireTool(name), arg) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return text.Trim();
    }

    /// <summary>Writes through a temp file of its own and renames it into place, so a reader never sees half a file.</summary>
    public static void WriteAtomic(string path, Action<string> write) =>
        WriteAtomicAsync(path, tmp => { write(tmp); return Task.CompletedTask; }).GetAwaiter().GetResult();

    /// <summary><see cref="WriteAtomic"/> for a writer that waits (a tool run into the temp file; its name keeps the extension).</summary>
    public static async Task WriteAtomicAsync(string path, Func<string, Task> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = $"{path}.{Guid.NewGuid():N}.part{Path.GetExtension(path)}";
        try
        {
            await write(tmp);
            File.Move(tmp, path, true);
        }
        finally { File.Delete(tmp); }
    }
}
