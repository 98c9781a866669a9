using System.Threading.Channels;
using EdgeVoice.Audio;
using EdgeVoice.Core;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// One utterance decoded while it is spoken: trimmed audio goes to the command decoder and the free
/// loop on their own threads as it arrives, so at the end of speech only the last few frames and the
/// backtrace are left. Each decoder sees the same audio, as the margin between them requires.
/// </summary>
internal sealed class GrammarStream : ISpeechStream
{
    readonly GrammarRecognizer _owner;
    readonly bool _answers;
    readonly LiveTrim _trim = new();
    readonly Channel<short[]> _command = Channel.CreateUnbounded<short[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    readonly Channel<short[]> _free = Channel.CreateUnbounded<short[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    readonly Task<((string, int, int) Command, (string, int, int) Free)> _work;
    readonly List<short[]> _sent = [];
    int _closed;

    public GrammarStream(GrammarRecognizer owner, Task previous, bool answers)
    {
        _owner = owner;
        _answers = answers;
        // Off the caller's thread: the front end begins streams on its audio thread.
        _work = Task.Run(async () =>
        {
            await previous.ContinueWith(_ => { }, TaskScheduler.Default); // its failure is its own caller's
            return await DecodeAsync();
        });
    }

    /// <summary>Completes when this utterance no longer needs the decoders (ended, abandoned or failed).</summary>
    internal Task Decoded => _work;

    public void Accept(ReadOnlySpan<float> samples)
    {
        if (_closed != 0) throw new InvalidOperationException("the utterance has ended");
        var speech = _trim.Push(samples);
        // Past the longest command the verdict is already "too long": stop spending CPU on the radio.
        if (_trim.Released <= _owner.MaxCommandSamples) Send(speech);
    }

    public async Task<Transcript> EndAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) throw new InvalidOperationException("the utterance has ended");
        Send(_trim.Finish());
        Complete();
        var (command, free) = await _work.WaitAsync(ct);
        return _owner.Verdict(command, free, _trim.Released / (double)AudioClip.PipelineRate, _trim.SnrDb);
    }

    /// <summary>True when every sample sent so far has been decoded (benchmarks: decoding keeps up).</summary>
    internal bool CaughtUp => Volatile.Read(ref _pending) <= 0;
    int _pending;

    void Send(float[] samples)
    {
        if (samples.Length == 0) return;
        var pcm = new short[samples.Length];
        for (int i = 0; i < pcm.Length; i++) pcm[i] = (short)Math.Clamp(MathF.Round(samples[i] * 32767f), short.MinValue, short.MaxValue);
        lock (_sent) _sent.Add(pcm);
        Interlocked.Add(ref _pending, 2);
        _command.Writer.TryWrite(pcm);
        _free.Writer.TryWrite(pcm);
    }

    void Complete() { _command.Writer.TryComplete(); _free.Writer.TryComplete(); }

    async Task<((string, int, int), (string, int, int))> DecodeAsync()
    {
        await _owner.Busy.WaitAsync();
        try
        {
            var (cmd, cmdSearch, free, freeSearch) = _owner.Decoders(_answers);
            var a = Task.Run(() => Feed(cmd, cmdSearch, _command.Reader));
            var b = Task.Run(() => Feed(free, freeSearch, _free.Reader));
            var result = (await a, await b);
            if (!_owner.Warm(_trim.Released / (double)AudioClip.PipelineRate))
            {
                // Live cepstral mean normalisation starts from the model's prior and learns this
                // microphone at each utterance's end: right after start-up the first pass can mishear
                // ("turn on" for "turn off"). Decode the first few seconds of speech twice.
                var all = Channel.CreateUnbounded<short[]>();
                var again = Channel.CreateUnbounded<short[]>();
                lock (_sent) foreach (var pcm in _sent) { all.Writer.TryWrite(pcm); again.Writer.TryWrite(pcm); }
                all.Writer.TryComplete();
                again.Writer.TryComplete();
                a = Task.Run(() => Feed(cmd, cmdSearch, all.Reader));
                b = Task.Run(() => Feed(free, freeSearch, again.Reader));
                result = (await a, await b);
            }
            return result;
        }
        finally { _owner.Busy.Release(); }
    }

    async Task<(string, int, int)> Feed(Decoder d, string search, ChannelReader<short[]> audio)
    {
        d.Begin(search);
        bool ending = false;
        try
        {
            await foreach (var pcm in audio.ReadAllAsync()) { d.Feed(pcm, pcm.Length); Interlocked.Decrement(ref _pending); }
            ending = true;
            return d.End();
        }
        finally
        {
            // End the utterance after an error too, so the decoder is ready for the next one.
            if (!ending) try { d.End(); } catch (InvalidOperationException) { }
        }
    }

    /// <summary>Abandons the utterance if it was not ended; the decoders finish in the background.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0) Complete();
        _work.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }
}
