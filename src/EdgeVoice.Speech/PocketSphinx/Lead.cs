namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// Noise before the first word: a click, a breath or the room between the start of capture and the command,
/// which LiveTrim keeps when it is loud enough to pass for speech. With no way to say it, the command search
/// stretched its first word over that audio while the free loop called it "us who", and real commands lost
/// their margin (EXPERIMENTS.md, session 15). The command and check grammars may now begin with the acoustic
/// model's noise filler, which `-fsgusefiller no` keeps out of them otherwise: the commands grammar, the default, and
/// ondevice; not with all the template sentences (<see cref="In"/>). The free loop is left as it was:
/// given the same start, its search found better paths on clean espeak-ng speech, where the command search used no
/// noise at all, and clean commands fell under the reject threshold fitted on the old loop ("pause the tv" −3.0).
/// </summary>
internal static class Lead
{
    /// <summary>A dictionary word for the noise filler (+NSN+).</summary>
    public const string Noise = "leadnoise";

    /// <summary>The JSGF rule a grammar that uses <see cref="Before"/> must include.</summary>
    public const string Rule = $"<lead> = {Noise};\n";

    /// <summary>
    /// Before a grammar's sentences: any amount of noise first. Not at the end (silence there took the final f of
    /// "off", session 4), and not silence (the SIL phone took the start of the first word from espeak-ng en+m7).
    /// </summary>
    public const string Before = "<lead>* ";

    /// <summary>
    /// Whether the grammars of a source begin with <see cref="Before"/>: the commands grammar alone (no source), and
    /// with the on-device sentences besides (ondevice: Piper 24 → 38 of 46 heard exactly, espeak-ng and flite
    /// unchanged, session 16). With all the template sentences (templates, both) the noise cost a wrong action on the
    /// Piper set (session 15).
    /// </summary>
    public static bool In(GrammarSource? source) => source is null || source.Lead;

    public static bool IsLead(string word) => word == Noise;

    /// <summary>A hypothesis without the lead words.</summary>
    public static string Strip(string hypothesis) =>
        hypothesis.Contains(Noise, StringComparison.Ordinal)
            ? string.Join(' ', hypothesis.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !IsLead(w)))
            : hypothesis;

    public static void AddTo(Decoder d)
    {
        if (!d.HasWord(Noise)) d.AddWord(Noise, "+NSN+");
    }
}
