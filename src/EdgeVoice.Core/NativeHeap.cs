using System.Runtime.InteropServices;

namespace EdgeVoice.Core;

/// <summary>
/// glibc gives each thread that contends for the heap an arena of its own and keeps freed memory in it. Whisper
/// and llama.cpp run on whichever pool thread is free, so the native heap grew round after round (759 MB after
/// 10 rounds of clip + command vs 543 MB with two arenas; src/EdgeVoice.Intents/Llm/EXPERIMENTS.md).
/// </summary>
public static partial class NativeHeap
{
    const int M_ARENA_MAX = -8;

    /// <summary>Caps glibc's arenas unless MALLOC_ARENA_MAX is set; false where there is no glibc (nothing changes).</summary>
    public static bool LimitArenas(int arenas = 2)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return false;
        try { return mallopt(M_ARENA_MAX, arenas) == 1; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);
}
