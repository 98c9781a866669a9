using EdgeVoice.Core;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// Pronunciations for words the CMU dictionary lacks (brand names, odd device names): espeak-ng's IPA
/// mapped onto the acoustic model's ARPAbet phones.
/// </summary>
public static class Pronunciations
{
    // Longest sequences first so diphthongs and affricates win over their parts.
    static readonly (string Ipa, string Arpa)[] Map =
    [
        ("dʒ", "JH"), ("tʃ", "CH"), ("eɪ", "EY"), ("aɪ", "AY"), ("ɔɪ", "OY"), ("aʊ", "AW"), ("oʊ", "OW"), ("əʊ", "OW"),
        ("ɜː", "ER"), ("ɑː", "AA"), ("ɔː", "AO"), ("iː", "IY"), ("uː", "UW"), ("ɪə", "IH R"), ("eə", "EH R"), ("ʊə", "UH R"),
        ("ɚ", "ER"), ("ɝ", "ER"), ("ə", "AH"), ("ʌ", "AH"), ("ɐ", "AH"), ("æ", "AE"), ("ɛ", "EH"), ("e", "EH"), ("ɪ", "IH"),
        ("ᵻ", "IH"), ("i", "IY"), ("ɒ", "AA"), ("ɑ", "AA"), ("ɔ", "AO"), ("ʊ", "UH"), ("u", "UW"), ("o", "OW"), ("a", "AE"),
        ("ɾ", "T"), ("ɹ", "R"), ("r", "R"), ("ɫ", "L"), ("l", "L"), ("m", "M"), ("n", "N"), ("ŋ", "NG"), ("θ", "TH"),
        ("ð", "DH"), ("ʃ", "SH"), ("ʒ", "ZH"), ("h", "HH"), ("j", "Y"), ("w", "W"), ("b", "B"), ("p", "P"), ("d", "D"),
        ("t", "T"), ("ɡ", "G"), ("g", "G"), ("k", "K"), ("f", "F"), ("v", "V"), ("s", "S"), ("z", "Z"), ("x", "K"), ("ʔ", "T"),
    ];

    static readonly HashSet<string> Vowels = ["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"];

    /// <summary>
    /// The pronunciation without the R of an AA R before a consonant ("start" S T AA R T → S T AA T), or
    /// null when there is none: the CMU dictionary is American, and most English outside North America
    /// and Scotland drops that R. Without it British "start" was heard as "stop" (S T AA P) in 5 of 8
    /// bench conditions; over the bench, held-out and a third set it leaves 4 opposite commands of 11 (one of
    /// them a new American "stop" heard as "start"). AO R ("forty", "porch") is left alone: its variants
    /// took "five" for "forty".
    /// </summary>
    public static string? NonRhotic(string phones)
    {
        var p = phones.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = p.Where((ph, i) => !(ph == "R" && i > 0 && p[i - 1] == "AA" && i + 1 < p.Length && !Vowels.Contains(p[i + 1]))).ToList();
        return kept.Count < p.Length ? string.Join(' ', kept) : null;
    }

    public static string FromIpa(string ipa)
    {
        var phones = new List<string>();
        int i = 0;
        while (i < ipa.Length)
        {
            var hit = Map.FirstOrDefault(m => string.CompareOrdinal(ipa, i, m.Ipa, 0, m.Ipa.Length) == 0);
            if (hit.Ipa is null) { i++; continue; } // stress marks, length marks, joiners
            phones.Add(hit.Arpa);
            i += hit.Ipa.Length;
        }
        return string.Join(' ', phones);
    }

    /// <summary>Asks espeak-ng for the word's IPA (en-us) and maps it; throws with the reason when it cannot.</summary>
    public static string Guess(string espeak, string word)
    {
        var ipa = Ipa(espeak, word, "en-us");
        var arpa = FromIpa(ipa);
        return arpa.Length > 0 ? arpa : throw new InvalidOperationException($"no pronunciation for '{word}' (espeak-ng gave '{ipa}')");
    }

    /// <summary>The word's IPA from espeak-ng (<paramref name="espeak"/>: SpeechOptions.EspeakPath) in a voice's accent.</summary>
    public static string Ipa(string espeak, string word, string voice) => EspeakTool.Run(espeak, "-q", "--ipa", "-v", voice, word).Trim();
}
