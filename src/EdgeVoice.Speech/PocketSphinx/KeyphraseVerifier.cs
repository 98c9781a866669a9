using System.Diagnostics;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// Wake word verifier on pocketsphinx's keyphrase search: the phrase's triphone HMMs compete with a free
/// phone loop over the same audio; the score is how much better (log10 likelihood ratio per second) the
/// phrase explains its best segment than any phone sequence. Chatter scores far below the real phrase;
/// truncated phrases ("hey jar") score below it in the same voice but often not below other voices' real
/// phrase in noise (README: the verifier does not reliably reject them). One decoder, one check at a
/// time, kept across checks so its live feature normalisation adapts to the microphone.
/// </summary>
public sealed class KeyphraseVerifier : IWakeVerifier
{
    public const string VerifierName = "pocketsphinx";
    // kws detections carry (phrase - phone loop) - KWS_MAX in log units of 1.0001^1024.
    const int KwsMax = 1500;
    static readonly double Log10PerUnit = 1024 * Math.Log10(1.0001);
    const string Search = "wake";
    readonly SpeechOptions _opts;
    readonly ILogger _log;
    Decoder? _decoder;
    short[] _pcm = [];
    double _best;
    bool _running;

    public KeyphraseVerifier(SpeechOptions options, ILogger<KeyphraseVerifier>? log = null)
    {
        _opts = options;
        _log = (ILogger?)log ?? NullLogger.Instance;
    }

    public string Name => VerifierName;

    /// <summary>Score per 100 frames (1 s) of the detection instead of the whole detection (long phrases accumulate more).</summary>
    public bool PerFrame { get; init; } = true;

    /// <summary>pocketsphinx -kws_plp: the phone loop's penalty per phone change.</summary>
    public string PhoneLoopPenalty { get; init; } = "1e-4";

    /// <summary>The phrase as decoded (lower case, dictionary words).</summary>
    public string? Phrase { get; private set; }

    /// <summary>Decoder time spent in checks (benchmarks).</summary>
    public TimeSpan Compute { get; private set; }

    public void Load(string phrase)
    {
        foreach (var (what, path) in new[] { ("acoustic model", _opts.AcousticModel), ("dictionary", _opts.Dictionary) })
            if (!File.Exists(path) && !Directory.Exists(path))
                throw new ModelUnavailableException($"pocketsphinx {what} for the wake word verifier not found at {path}: run scripts/setup.sh (apt-get install libpocketsphinx3 pocketsphinx-en-us), or set WakeWord:Verifier to none");
        var words = phrase.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) throw new ArgumentException("the wake phrase is empty", nameof(phrase));
        _decoder?.Dispose();
        var dict = DictionaryFile.Write(DictionaryFile.Lookup(_opts.Dictionary, words));
        try { _decoder = Create(dict); }
        finally { File.Delete(dict); }
        Phrase = string.Join(' ', words);
        Variants = Cartesian(words.Select(Spellings).ToList()).Take(MaxVariants).ToList();
        var keyfile = Path.Combine(Path.GetTempPath(), $"edgevoice-kws-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllLines(keyfile, Variants);
            _decoder.SetKeyphrases(Search, keyfile);
        }
        finally { File.Delete(keyfile); }
        _log.LogInformation("wake verifier: {Count} pronunciations of '{Phrase}'", Variants.Count, Phrase);
    }

    Decoder Create(string dictionary) => Decoder.Create(new Dictionary<string, string>
        {
            ["-hmm"] = _opts.AcousticModel,
            ["-dict"] = dictionary,
            ["-logfn"] = _opts.PocketSphinxLog,
            // Report every detection (the front end applies its own threshold to the score), at once.
            ["-kws_threshold"] = "1e-200",
            ["-kws_delay"] = "0",
            // Wide beam: a keyphrase path far behind the phone loop must still be scored, not pruned.
            ["-beam"] = "1e-120",
            ["-kws_plp"] = PhoneLoopPenalty,
        });

    const int MaxVariants = 16;

    /// <summary>espeak-ng voices whose pronunciations of the phrase's words are added to the dictionary's.</summary>
    public IReadOnlyList<string> AccentVoices { get; init; } = ["en-us", "en"];

    /// <summary>The keyphrases searched: the phrase in each combination of its words' pronunciations.</summary>
    public IReadOnlyList<string> Variants { get; private set; } = [];

    /// <summary>
    /// Dictionary entries for a word: its own pronunciations (word, word(2), ...) plus espeak-ng's American
    /// and British ones when they differ (most espeak voices and many speakers drop the r in "jarvis").
    /// </summary>
    List<string> Spellings(string word)
    {
        var d = _decoder!;
        var names = new List<string>();
        var phones = new HashSet<string>();
        for (int k = 1; ; k++)
        {
            var name = k == 1 ? word : $"{word}({k})";
            var p = d.Phones(name);
            if (p is null) break;
            names.Add(name);
            phones.Add(p);
        }
        foreach (var voice in AccentVoices)
        {
            string guess;
            try { guess = Pronunciations.FromIpa(Pronunciations.Ipa(_opts.EspeakPath, word, voice)); }
            catch (InvalidOperationException e) when (names.Count > 0) { _log.LogDebug("no espeak-ng variant of '{Word}': {Error}", word, e.Message); continue; }
            if (guess.Length == 0 || !phones.Add(guess)) continue;
            var name = $"{word}_{phones.Count}";
            d.AddWord(name, guess);
            names.Add(name);
        }
        if (names.Count == 0) throw new InvalidOperationException($"no pronunciation for the wake word '{word}'");
        return names;
    }

    static IEnumerable<string> Cartesian(List<List<string>> options) =>
        options.Aggregate((IEnumerable<string>)[""], (acc, opts) => acc.SelectMany(a => opts.Select(o => a.Length == 0 ? o : a + " " + o)));

    public double Start(ReadOnlySpan<float> recent)
    {
        var d = _decoder ?? throw new InvalidOperationException("KeyphraseVerifier.Load was not called");
        if (_running) Stop();
        d.Begin(Search);
        _running = true;
        _best = double.NegativeInfinity;
        return Continue(recent);
    }

    public double Continue(ReadOnlySpan<float> samples)
    {
        if (!_running || _decoder is null) throw new InvalidOperationException("no wake check running: call Start first");
        var sw = Stopwatch.StartNew();
        if (_pcm.Length < samples.Length) _pcm = new short[samples.Length];
        AudioClip.ToPcm16(samples, _pcm);
        _decoder.Feed(_pcm, samples.Length);
        foreach (var (prob, frames) in _decoder.Detections())
        {
            double llr = (prob + KwsMax) * Log10PerUnit;
            _best = Math.Max(_best, PerFrame ? llr / Math.Max(1, frames) * 100 : llr);
        }
        Compute += sw.Elapsed;
        return _best;
    }

    public void Stop()
    {
        if (!_running || _decoder is null) return;
        _running = false;
        _decoder.End();
    }

    public void Dispose() { Stop(); _decoder?.Dispose(); _decoder = null; }
}

/// <summary>The keyphrase search on <see cref="Decoder"/> (kept apart from the grammar calls).</summary>
internal static class DecoderKeyphrase
{
    public static void SetKeyphrases(this Decoder d, string name, string keyfile)
    {
        if (Native.ps_set_kws(d.DangerousGetHandle(), name, keyfile) < 0)
            throw new InvalidOperationException($"pocketsphinx: keyphrases {string.Join(" | ", File.ReadAllLines(keyfile))} did not compile");
    }

    /// <summary>The running utterance's detections: score (kws log units) and length in 10 ms frames.</summary>
    public static List<(int Prob, int Frames)> Detections(this Decoder d)
    {
        var list = new List<(int, int)>();
        for (var seg = Native.ps_seg_iter(d.DangerousGetHandle()); seg != IntPtr.Zero; seg = Native.ps_seg_next(seg))
        {
            Native.ps_seg_frames(seg, out int sf, out int ef);
            list.Add((Native.ps_seg_prob(seg, out _, out _, out _), ef - sf + 1));
        }
        return list;
    }
}
