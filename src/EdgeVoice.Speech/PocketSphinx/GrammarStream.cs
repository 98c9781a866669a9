using System.Threading.Channels;
using EdgeVoice.Audio;
using EdgeVoice.Core;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// One utterance decoded while it is spoken: trimmed audio goes to the command decoders and their
/// free loops on their own threads as it arrives, so at the end of speech only the last few frames and
/// the backtrace are left. Each decoder sees the same audio, as the margin between them requires.
/// </summary>
internal sealed class GrammarStream : ISpeechStream
{
    readonly GrammarRecognizer _owner;
    readonly LiveTrim _trim = new();
    // One per decoder, in the order of GrammarRecognizer.Decoders.
    readonly Channel<short[]>[] _audio = [.. Enumerable.Range(0, DecoderSet.StreamedCount)
        .Select(_ => Channel.CreateUnbounded<short[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true }))];
    readonly Task<Transcript> _work;
    readonly List<short[]> _sent = [];
    int _closed;

    // An utterance nobody ends or disposes must not keep the decoders from every later one: well past
    // the longest capture (no speech for 4 s, then a command) its audio is closed and the decoders finish.
    readonly Timer _limit;

    internal TimeSpan Limit => TimeSpan.FromSeconds(10 + 2.0 * _owner.MaxCommandSamples / AudioClip.PipelineRate);

    public GrammarStream(GrammarRecognizer owner, bool answers)
    {
        _owner = owner;
        _limit = new Timer(_ => Complete(), null, Limit, Timeout.InfiniteTimeSpan);
        _work = owner.Decoders.InTurn(answers, DecodeAsync);
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

    /// <summary>The room after the words: LiveTrim's levels see it (the ring), the decoders do not.</summary>
    public void AcceptTrailing(ReadOnlySpan<float> samples)
    {
        if (_closed != 0) throw new InvalidOperationException("the utterance has ended");
        _trim.Observe(samples);
    }

    public async Task<Transcript> EndAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) throw new InvalidOperationException("the utterance has ended");
        Send(_trim.Finish());
        Complete();
        _limit.Dispose();
        return await _work.WaitAsync(ct);
    }

    /// <summary>True when every sample sent so far has been decoded (benchmarks: decoding keeps up).</summary>
    internal bool CaughtUp => Volatile.Read(ref _pending) <= 0;
    int _pending;

    void Send(float[] samples)
    {
        if (samples.Length == 0) return;
        var pcm = new short[samples.Length];
        AudioClip.ToPcm16(samples, pcm);
        lock (_sent) _sent.Add(pcm);
        Interlocked.Add(ref _pending, _audio.Length);
        foreach (var c in _audio) c.Writer.TryWrite(pcm);
    }

    void Complete() { foreach (var c in _audio) c.Writer.TryComplete(); }

    async Task<Transcript> DecodeAsync(DecoderSet.Lease lease)
    {
        var decoders = lease.Streamed;
        var result = await FeedAll(decoders, _audio);
        double seconds = _trim.Released / (double)AudioClip.PipelineRate;
        Transcript Judge(Hypothesis[] decoded, string? firstPass) =>
            _owner.Verdict(decoded, seconds, _trim.Levels, lease.Decoys, lease.Names, heard => lease.Check(heard, Whole()), firstPass, lease.Answering);
        if (lease.Warm(seconds)) return Judge(result, null);
        // Live cepstral mean normalisation starts from the model's prior and learns this microphone at
        // each utterance's end: right after start-up the first pass can mishear ("turn on" for "turn off").
        // Decode the first few seconds of speech twice; the verdict compares the passes.
        return Judge(await Again(decoders), result[0].Text);
    }

    /// <summary>The utterance's audio so far in one block.</summary>
    short[] Whole()
    {
        lock (_sent) return [.. _sent.SelectMany(p => p)];
    }

    /// <summary>The utterance so far decoded once more by every streamed decoder.</summary>
    Task<Hypothesis[]> Again((Decoder Decoder, string Search)[] decoders)
    {
        var audio = decoders.Select(_ => Channel.CreateUnbounded<short[]>()).ToArray();
        lock (_sent) foreach (var pcm in _sent) foreach (var c in audio) c.Writer.TryWrite(pcm);
        foreach (var c in audio) c.Writer.TryComplete();
        return FeedAll(decoders, audio);
    }

    Task<Hypothesis[]> FeedAll((Decoder Decoder, string Search)[] decoders, Channel<short[]>[] audio) =>
        Task.WhenAll(decoders.Select((d, i) => Task.Run(() => Feed(d.Decoder, d.Search, audio[i].Reader))));

    async Task<Hypothesis> Feed(Decoder d, string search, ChannelReader<short[]> audio)
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
        _limit.Dispose();
        _work.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }
}
