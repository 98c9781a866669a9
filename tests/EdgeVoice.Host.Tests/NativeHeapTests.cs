using EdgeVoice.Core;

namespace EdgeVoice.Host.Tests;

public sealed class NativeHeapTests
{
    [Fact]
    public void Arenas_are_capped_through_glibc_on_linux()
    {
        // Debian's glibc has mallopt; a false here means the P/Invoke name or library is wrong.
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return;
        Assert.True(NativeHeap.LimitArenas(), "mallopt(M_ARENA_MAX) was refused or not found in libc");
    }

    [Fact]
    public void Large_blocks_get_their_own_pages_through_glibc_on_linux()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null) return;
        Assert.True(NativeHeap.ReturnLargeBlocks(), "mallopt(M_MMAP_THRESHOLD) was refused or not found in libc");
    }
}
