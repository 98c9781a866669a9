using System.Globalization;
using EdgeVoice.Testing;

namespace EdgeVoice.Bench;

/// <summary>
/// SAM (Software Automatic Mouth, the 1982 formant synthesiser; npm sam-js 0.3.1) as a bench voice: a robotic
/// voice unlike any other engine the bench uses. Rendered by tests/EdgeVoice.Bench/sam/speak.mjs under Node.js
/// as a 16-bit mono WAV at SAM's own 22050 Hz. The text is passed through as it is: SAM's reciter uppercases it,
/// reads apostrophes ("what's") and reads digits one by one ("21" as "two one"), so sentences should spell their
/// numbers as words, as the bench's do.
/// </summary>
public static class SamVoice
{
    /// <summary>The voices of sam-js's table of typical values: SAM's own and the "stuffy guy".</summary>
    public static readonly (string Name, int Speed, int Pitch, int Throat, int Mouth)[] Voices =
        [("SAM", 72, 64, 128, 128), ("stuffy", 82, 72, 110, 105)];

    /// <summary>One of <see cref="Voices"/> by name.</summary>
    public static (int Speed, int Pitch, int Throat, int Mouth) Voice(string name) =>
        Voices.FirstOrDefault(v => v.Name == name) is { Name: not null } v ? (v.Speed, v.Pitch, v.Throat, v.Mouth)
            : throw new ArgumentException($"no SAM voice '{name}' (known: {string.Join(", ", Voices.Select(x => x.Name))})", nameof(name));

    static string Folder => Path.Combine(Repo.Root, "tests", "EdgeVoice.Bench", "sam");

    /// <summary>Says <paramref name="text"/> in <paramref name="voice"/> into <paramref name="outWav"/> and returns its path.</summary>
    /// <exception cref="InvalidOperationException">sam-js is not installed, or SAM cannot say the text.</exception>
    public static async Task<string> RenderAsync(string text, (int Speed, int Pitch, int Throat, int Mouth) voice, string outWav)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "sam-js")))
            throw new InvalidOperationException($"sam-js is not installed in {Folder}/node_modules: run scripts/setup.sh (it runs npm ci there)");
        var node = Repo.RequireTool("node");
        string[] args = [Path.Combine(Folder, "speak.mjs"), outWav,
            .. new[] { voice.Speed, voice.Pitch, voice.Throat, voice.Mouth }.Select(v => v.ToString(CultureInfo.InvariantCulture))];
        var r = await Proc.RunAsync(node, args, TimeSpan.FromMinutes(1), stdin: text);
        if (r.ExitCode != 0 || !File.Exists(outWav))
            throw new InvalidOperationException($"SAM failed on '{text}' (exit {r.ExitCode}): {r.StdErr.Trim()}");
        return outWav;
    }
}
