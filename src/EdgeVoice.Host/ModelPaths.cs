namespace EdgeVoice.Host;

public static class ModelPaths
{
    /// <summary>
    /// A relative models dir is looked for in the working directory, beside the binary, and two levels up
    /// (the repo root when running artifacts/edgevoice/edgevoice), so both `dotnet run` and the published
    /// CLI find the files scripts/setup.sh placed.
    /// </summary>
    public static string ResolveModelsDir(string dir)
    {
        if (Path.IsPathRooted(dir)) return dir;
        string[] candidates =
        [
            Path.GetFullPath(dir),
            Path.Combine(AppContext.BaseDirectory, dir),
            Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", dir)),
        ];
        return candidates.FirstOrDefault(Directory.Exists) ?? candidates[0];
    }
}
