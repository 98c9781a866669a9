using EdgeVoice.Speech.PocketSphinx;

namespace EdgeVoice.Bench;

/// <summary>
/// The recogniser a family's clips are heard with: one for the whole run, as a device hears command after command (its
/// live normalisation learns the voice and room in the first seconds of speech), or, <paramref name="cold"/>, a new one
/// for every clip, as `simulate --wav` one file at a time or the first command after start-up. With <paramref name="kept"/>,
/// each new recogniser starts from the cepstral mean kept for its clip's condition (From), copied to the recogniser's
/// Speech:CepstralMeanFile (To) so that no clip's own adaptation reaches the next: a device restarted after it had heard
/// this voice in this room.
/// </summary>
sealed class Hearing(Func<GrammarRecognizer> make, bool cold, (Func<string, string> From, string To)? kept = null) : IDisposable
{
    GrammarRecognizer? _g;

    /// <summary>The verdict on the clip last heard; null until there is one.</summary>
    public GrammarVerdict? Verdict { get; private set; }

    /// <summary>The recogniser for the next clip, heard in <paramref name="condition"/>, its verdict cleared.</summary>
    public GrammarRecognizer Next(string condition)
    {
        if (_g is null || cold)
        {
            _g?.Dispose();
            if (kept is var (from, to)) File.Copy(from(condition), to, overwrite: true);
            _g = make();
            _g.Observer = v => Verdict = v;
        }
        Verdict = null;
        return _g;
    }

    public void Dispose() => _g?.Dispose();
}
