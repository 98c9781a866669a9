using System.Diagnostics;
using System.Text;

namespace EdgeVoice.Core;

/// <summary>
/// espeak-ng as every stage starts it: the configured executable (Speech:EspeakPath; a bare name is looked
/// up on PATH), arguments as a list (never through a shell), and an environment without secrets.
/// </summary>
public static class EspeakTool
{
    public const string DefaultPath = "espeak-ng";

    /// <summary>The executable <paramref name="configured"/> names (null or empty: espeak-ng on PATH), or null when it is not there.</summary>
    public static string? Resolve(string? configured)
    {
        var name = string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured;
        if (name.Contains('/')) return File.Exists(name) ? Path.GetFullPath(name) : null;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>What to do when <see cref="Resolve"/> finds nothing.</summary>
    public static string Missing(string? configured) =>
        $"espeak-ng not found at '{(string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured)}' (Speech:EspeakPath): run scripts/setup.sh (apt-get install espeak-ng)";

    /// <summary>How to start it with <paramref name="args"/>: output (UTF-8) and errors redirected, no secrets in its environment.</summary>
    public static ProcessStartInfo StartInfo(string? configured, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8,
        }.WithoutSecrets();
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>Runs it to the end and returns what it printed; throws saying what to install when it is missing, with its error when it fails.</summary>
    public static string Run(string? configured, params string[] args)
    {
        Process p;
        try { p = Process.Start(StartInfo(configured, args))!; }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException(Missing(configured), e); }
        using var _ = p;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"espeak-ng failed ({p.ExitCode}): {err.Result.Trim()}");
        return output;
    }
}
