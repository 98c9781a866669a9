using EdgeVoice.Core;

namespace EdgeVoice.Host.Tests;

/// <summary>
/// Dispose frees a native model through the gate; whoever calls it, the model must be freed when it returns, or a
/// second disposer (the host's shutdown and a reload at the same moment) could go on while native memory is being freed.
/// </summary>
public sealed class NativeCallGateTests
{
    [Fact]
    public void A_second_close_returns_only_after_the_first_has_freed()
    {
        var gate = new NativeCallGate();
        using var freeing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        bool freed = false, freedTwice = false;
        // Own threads, not the pool: a blocked pool thread would delay the second Close and hide the race.
        var first = new Thread(() => gate.Close(() => { freeing.Set(); release.Wait(); freed = true; }));
        first.Start();
        Assert.True(freeing.Wait(TimeSpan.FromSeconds(10)), "the first Close never ran its free");
        var second = new Thread(() => gate.Close(() => freedTwice = true));
        second.Start();
        // The second Close must still be waiting while the first frees.
        Assert.False(second.Join(TimeSpan.FromMilliseconds(300)), "the second Close returned while the model was still being freed");
        release.Set();
        Assert.True(first.Join(TimeSpan.FromSeconds(10)) && second.Join(TimeSpan.FromSeconds(10)), "Close did not return");
        Assert.True(freed);
        Assert.False(freedTwice, "freed twice");
    }

    [Fact]
    public async Task Close_waits_for_the_call_in_progress_and_a_later_call_is_refused()
    {
        var gate = new NativeCallGate();
        var owner = new object();
        await gate.EnterAsync(owner, CancellationToken.None);
        using var linked = gate.Link(CancellationToken.None);
        bool freed = false;
        var closing = Task.Run(() => gate.Close(() => freed = true));
        // Close cancels the call's token, then waits for the call to leave before freeing.
        Assert.True(SpinWait.SpinUntil(() => linked.IsCancellationRequested, TimeSpan.FromSeconds(10)), "Close did not cancel the call in progress");
        Assert.False(freed);
        gate.Exit();
        await closing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(freed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => gate.EnterAsync(owner, CancellationToken.None));
    }
}
