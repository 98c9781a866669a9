using EdgeVoice.Speech.PocketSphinx;

namespace EdgeVoice.Bench;

/// <summary>
/// The recogniser a family's clips are heard with: one for the whole run, as a device hears command after command (its
/// live normalisation learns the voice and room in the first seconds of speech), or, <paramref name="cold"/>, a new one
/// for every clip, as `simulate --wav` one file at a time or the first command after start-up.
/// </summary>
sealed class Hearing(Func<GrammarRecognizer> make, bool cold) : IDisposable
{
    GrammarRecognizer? _g;

    /// <summary>The verdict on the clip last heard; null until there is one.</summary>
    public GrammarVerdict? Verdict { get; private set; }

    /// <summary>The recogniser for the next clip, its verdict cleared.</summary>
    public GrammarRecognizer Next()
    {
        if (_g is null || cold)
        {
            _g?.Dispose();
            _g = make();
            _g.Observer = v => Verdict = v;
        }
        Verdict = null;
        return _g;
    }

    public void Dispose() => _g?.Dispose();
}
