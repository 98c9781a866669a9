using System.Runtime.InteropServices;

namespace EdgeVoice.Mqtt;

/// <summary>
/// fsync of a directory, so a rename into it survives a power cut (a Pi pulled from the wall): the
/// file's own fsync makes its bytes durable, but the name lives in the directory. .NET cannot open a
/// directory as a stream, hence libc.
/// </summary>
internal static partial class DirectorySync
{
    /// <summary>Flushes <paramref name="dir"/>'s entries to disk; throws IOException with errno when it cannot.</summary>
    public static void Flush(string dir)
    {
        if (!OperatingSystem.IsLinux()) return;
        // O_RDONLY without O_DIRECTORY: its value differs between x86-64 and ARM, and open() of a
        // directory read-only works without it.
        int fd = open(dir, 0);
        if (fd < 0) throw new IOException($"cannot open {dir} to sync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (fsync(fd) != 0) throw new IOException($"fsync of {dir} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally { close(fd); }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}

/// <summary>realpath(3): the path with every symlink, "." and ".." resolved, or null when it does not exist.</summary>
internal static partial class RealPath
{
    public static string? Of(string path)
    {
        if (!OperatingSystem.IsLinux()) return Path.GetFullPath(path);
        var p = realpath(path, 0);
        if (p == 0) return null;
        try { return Marshal.PtrToStringUTF8(p); }
        finally { free(p); }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint realpath(string path, nint resolved);

    [LibraryImport("libc")]
    private static partial void free(nint p);
}
