namespace EdgeVoice.Testing;

/// <summary>Where things are: the repo root, its models/ folder, and ../shared/models beside the clone.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();
    public static string Models => Path.Combine(Root, "models");
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared", "models"));
    public static string Speech(string file) => Path.Combine(Shared, "speech", file);
    public static string Config(string file) => Path.Combine(Root, "config", file);

    /// <summary>The Piper-voiced Home Assistant commands beside the clone (../shared/speech-dev/piper-en; file name = what is said).</summary>
    public static string PiperDir
    {
        get
        {
            var dir = Path.GetFullPath(Path.Combine(Root, "..", "shared", "speech-dev", "piper-en"));
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"the Piper set is not at {dir} (../shared/speech-dev/piper-en)");
            return dir;
        }
    }

    /// <summary>One clip of <see cref="PiperDir"/>, by what is said in it.</summary>
    public static string Piper(string said)
    {
        var f = Path.Combine(PiperDir, said + ".wav");
        if (!File.Exists(f)) throw new FileNotFoundException($"'{said}.wav' is not in the Piper set ({PiperDir})", f);
        return f;
    }

    static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "EdgeVoice.sln"))) return d.FullName;
        throw new InvalidOperationException("EdgeVoice.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Path of a model that ../shared/models/README.md lists as "not here yet" (Whisper ggml, GGUF LLM):
    /// a missing one skips the test naming the file. Anything else missing is a failure.
    /// </summary>
    public static string PendingModel(string fileName)
    {
        var p = Path.Combine(Models, fileName);
        Skip.IfNot(File.Exists(p), $"model {fileName} is not available yet (see ../shared/models/README.md); place it in models/ to run this test");
        return p;
    }

    /// <summary>Path of a model that must be present; fails with what to run when it is not.</summary>
    public static string RequiredModel(string relative)
    {
        var p = Path.Combine(Models, relative);
        if (!File.Exists(p)) throw new FileNotFoundException($"models/{relative} is missing: run scripts/setup.sh", p);
        return p;
    }

    /// <summary>Fails with an install hint when a command-line tool is missing.</summary>
    public static string RequireTool(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var p = Path.Combine(dir, name);
            if (File.Exists(p)) return p;
        }
        throw new InvalidOperationException($"{name} is not installed: run scripts/setup.sh (apt-get install the package that provides {name})");
    }

    /// <summary>
    /// A fresh folder under one folder per test process, removed when the process exits: a test run on a
    /// device must not fill /tmp. Folders left by a killed run are removed by the next one.
    /// </summary>
    public static string TempDir(string prefix)
    {
        var d = Path.Combine(TempRoot.Value, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(d);
        return d;
    }

    static readonly Lazy<string> TempRoot = new(() =>
    {
        var all = Path.Combine(Path.GetTempPath(), "edgevoice-tests");
        if (Directory.Exists(all))
            foreach (var old in Directory.GetDirectories(all))
                if (int.TryParse(Path.GetFileName(old), out var pid) && !Directory.Exists($"/proc/{pid}")) TryDelete(old);
        var root = Path.Combine(all, Environment.ProcessId.ToString());
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    });

    static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }              // a file still held open: the next run removes it
        catch (UnauthorizedAccessException) { }
    }
}
