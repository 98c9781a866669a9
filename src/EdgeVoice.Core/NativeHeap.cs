using System.Runtime.InteropServices;

namespace EdgeVoice.Core;

/// <summary>
/// glibc gives each thread that contends for the heap an arena of its own and keeps freed memory in it. Whisper
/// and llama.cpp run on whichever pool thread is free, so the native heap grew round after round (759 MB after
/// 10 rounds of clip + command vs 543 MB with two arenas; src/EdgeVoice.Intents/Llm/EXPERIMENTS.md).
/// </summary>
public static partial class NativeHeap
{
    const int M_ARENA_MAX = -8, M_MMAP_THRESHOLD = -3;

    /// <summary>Caps glibc's arenas unless MALLOC_ARENA_MAX is set; false where there is no glibc (nothing changes).</summary>
    public static bool LimitArenas(int arenas = 2) => Set(M_ARENA_MAX, arenas, "MALLOC_ARENA_MAX");

    /// <summary>
    /// Fixes glibc's mmap threshold (unless MALLOC_MMAP_THRESHOLD_ is set): blocks of this size and over get pages of
    /// their own, given back to the kernel when freed. Left alone, glibc raises the threshold to the size of each such
    /// block freed (up to 32 MB), after which whisper.cpp's per-clip buffers came from the arenas and stayed there:
    /// 330 MB of freed memory held after 20 clips of the whole loop, 12 MB with this (EXPERIMENTS.md of the LLM tier).
    /// </summary>
    public static bool ReturnLargeBlocks(int bytes = 128 * 1024) => Set(M_MMAP_THRESHOLD, bytes, "MALLOC_MMAP_THRESHOLD_");

    /// <summary>One mallopt setting, unless the environment already sets it (the operator's choice wins).</summary>
    static bool Set(int param, int value, string environmentName)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(environmentName) is not null) return false;
        try { return mallopt(param, value) == 1; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);
}
