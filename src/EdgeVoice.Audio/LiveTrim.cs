namespace EdgeVoice.Audio;

/// <summary>
/// Streaming silence and noise trimming for a decoder fed while the user speaks: quiet audio is held
/// back until louder audio follows, so the decoder never sees the leading pause, the trailing silence
/// tail of the endpointer, or steady background noise at either end. A 20 ms frame counts as speech when
/// it is within <c>belowPeakDb</c> of the loudest frame so far and <c>aboveFloorDb</c> over the quietest;
/// the floor test is what trims white noise or a fan, which a peak-relative test alone keeps.
/// Single producer: call <see cref="Push"/> from one thread, then <see cref="Finish"/> once.
/// </summary>
public sealed class LiveTrim(int padMs = 80, double belowPeakDb = 35, double aboveFloorDb = 8)
{
    const int Frame = 320;
    readonly int _padFrames = Math.Max(0, padMs / 20);
    const int MaxLeadFrames = 500;
    readonly List<(float[] Frame, double E)> _held = [];
    readonly float[] _partial = new float[Frame];
    int _partialCount;
    // Trailing audio (Observe) fills frames of its own: it is measured, never held or released.
    readonly float[] _observed = new float[Frame];
    int _observedCount;
    double _peak = double.NegativeInfinity, _floor = double.PositiveInfinity;
    bool _started;

    readonly List<double> _energies = [];

    /// <summary>
    /// The levels of everything pushed, for the recogniser's verdict (<see cref="RoomLevels"/>); one sort of the
    /// frame energies serves all three figures.
    /// </summary>
    public RoomLevels Levels
    {
        get
        {
            if (_energies.Count < 5) return new(0, null, false);
            var e = _energies.Order().ToList();
            double P(double q) => e[(int)(e.Count * q)];
            double quiet = P(0.1), snr = P(0.9) - quiet;
            if (_energies.Count < 10) return new(snr, null, false);
            double loud = P(0.95);
            int last = _energies.FindLastIndex(x => x >= loud - 15);
            double target = Math.Max(_energies[last] - 20, quiet + 3), fall = _energies[last] - target;
            if (fall < 6) return new(snr, null, true);
            for (int k = last + 1; k < _energies.Count; k++)
                if (_energies[k] <= target) return new(snr, (k - last) * 20.0 / fall, false);
            return new(snr, double.PositiveInfinity, false);
        }
    }

    /// <summary>Samples released to the decoder so far (speech plus padding).</summary>
    public long Released { get; private set; }

    /// <summary>Adds captured samples; returns those that can go to the decoder now (often none).</summary>
    public float[] Push(ReadOnlySpan<float> samples)
    {
        var output = new List<float>();
        while (samples.Length > 0)
        {
            int n = Math.Min(Frame - _partialCount, samples.Length);
            samples[..n].CopyTo(_partial.AsSpan(_partialCount));
            _partialCount += n;
            samples = samples[n..];
            if (_partialCount == Frame) { Add((float[])_partial.Clone(), output); _partialCount = 0; }
        }
        return Done(output);
    }

    /// <summary>
    /// Audio after the last <see cref="Push"/> that is never to be decoded (the endpointer's silence tail): it counts in
    /// <see cref="Levels"/> only, so the ring is read on the room after the words.
    /// </summary>
    public void Observe(ReadOnlySpan<float> samples)
    {
        while (samples.Length > 0)
        {
            int n = Math.Min(Frame - _observedCount, samples.Length);
            samples[..n].CopyTo(_observed.AsSpan(_observedCount));
            _observedCount += n;
            samples = samples[n..];
            if (_observedCount == Frame) { _energies.Add(AudioLevel.Db(_observed)); _observedCount = 0; }
        }
    }

    /// <summary>End of the utterance: releases the padding after the last speech and drops the rest.</summary>
    public float[] Finish()
    {
        var output = new List<float>();
        if (_started)
        {
            foreach (var h in _held.Take(_padFrames)) output.AddRange(h.Frame);
            if (_held.Count < _padFrames) output.AddRange(_partial.AsSpan(0, _partialCount).ToArray());
        }
        _held.Clear();
        _partialCount = 0;
        return Done(output);
    }

    void Add(float[] frame, List<float> output)
    {
        double e = AudioLevel.Db(frame);
        _energies.Add(e);
        _peak = Math.Max(_peak, e);
        _floor = Math.Min(_floor, e);
        _held.Add((frame, e));
        if (!_started)
        {
            // Capture may begin mid-sentence ("hey jarvis turn on…" said in one breath), so nothing
            // before the first pause can be judged: hold it until the level range shows what is speech.
            if (_held.Count > MaxLeadFrames) _held.RemoveAt(0);
            if (_peak < _floor + aboveFloorDb) return;
            _started = true;
            Release(Math.Max(0, _held.FindIndex(h => IsSpeech(h.E)) - _padFrames), output);
            return;
        }
        if (IsSpeech(e)) Release(0, output);
    }

    bool IsSpeech(double e) => e >= _peak - belowPeakDb && e >= _floor + aboveFloorDb;

    /// <summary>Releases held frames from <paramref name="from"/> up to the last one that is speech.</summary>
    void Release(int from, List<float> output)
    {
        int last = _held.FindLastIndex(h => IsSpeech(h.E));
        for (int i = from; i <= last; i++) output.AddRange(_held[i].Frame);
        _held.RemoveRange(0, last + 1);
    }

    float[] Done(List<float> output)
    {
        Released += output.Count;
        return output.ToArray();
    }
}

/// <summary>What the levels of one utterance tell about the room it was said in.</summary>
/// <param name="SnrDb">
/// Rough signal-to-noise ratio: loud frames (90th percentile) over quiet ones (10th), in dB. About 100 for clean
/// synthetic speech, 15 for speech in white noise at 10 dB.
/// </param>
/// <param name="RingMsPerDb">
/// How slowly the sound dies away after the last loud frame, in ms per dB: from the last frame within 15 dB of the
/// loud ones (95th percentile) until 20 dB lower or 3 dB over the quiet ones (10th), whichever comes first. Synthetic
/// speech in a dry room reads 1–8 ms/dB, in sox's reverberant rooms mostly 9–45; Piper's recordings, dry but with a
/// steady floor, 5–37. Positive infinity when the sound had not died away by the end; null when it cannot be told.
/// </param>
/// <param name="EndsInNoise">
/// The last loud frame stood under 9 dB over the quiet ones, so there was no room to measure a decay in: the end of
/// the last word is lost in the noise (null <paramref name="RingMsPerDb"/>, for this reason rather than too little audio).
/// </param>
public readonly record struct RoomLevels(double SnrDb, double? RingMsPerDb, bool EndsInNoise);
