namespace EdgeVoice.Core;

/// <summary>
/// One call at a time into a native model that Dispose frees (llama.cpp, whisper.cpp): closing cancels the
/// call in progress, waits for it to leave, and only then frees, so native code never runs on freed memory.
/// </summary>
public sealed class NativeCallGate
{
    readonly SemaphoreSlim _gate = new(1, 1);
    readonly CancellationTokenSource _closing = new();
    volatile bool _closed;

    /// <summary>A token cancelled by the caller or by <see cref="Close"/>; enter with it and pass it on to the call.</summary>
    public CancellationTokenSource Link(CancellationToken callerCt) => CancellationTokenSource.CreateLinkedTokenSource(callerCt, _closing.Token);

    /// <summary>Waits for the call before; throws ObjectDisposedException naming <paramref name="owner"/> once closed.</summary>
    public async Task EnterAsync(object owner, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_closed, owner);
        await _gate.WaitAsync(ct);
        if (_closed)
        {
            _gate.Release();
            throw new ObjectDisposedException(owner.GetType().FullName);
        }
    }

    public void Exit() => _gate.Release();

    /// <summary>
    /// Cancels the call in progress, waits for it, then runs <paramref name="free"/> (once). A second caller returns only
    /// once the first has freed: it waits on the gate, which the first holds while it frees.
    /// </summary>
    public void Close(Action free)
    {
        _closing.Cancel();
        _gate.Wait();
        try
        {
            if (_closed) return;
            _closed = true;
            free();
        }
        finally { _gate.Release(); }
    }
}
