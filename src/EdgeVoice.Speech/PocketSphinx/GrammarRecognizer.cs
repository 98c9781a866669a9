using EdgeVoice.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// Recognises only the sentences the configured devices accept (in the spirit of Home Assistant's
/// Speech-to-Phrase): fast, needs no download. The same audio is also decoded with a free word loop;
/// audio the command grammar does not fit clearly better, or too long to be a command, is rejected
/// (IsCommand = false) instead of being forced onto the nearest command.
/// </summary>
public sealed class GrammarRecognizer : IStreamingSpeechToText, IDisposable
{
    public const string RecognizerName = "pocketsphinx-grammar";
    readonly SpeechOptions _opts;
    readonly IOptionsMonitor<EdgeVoiceOptions> _devices;
    readonly ILogger<GrammarRecognizer> _log;
    readonly IDialogState? _dialog;
    readonly object _gate = new();
    readonly IDisposable? _onChange;
    // A decoder per search: sharing one carries feature-normalisation state from one search into the
    // next and made the command search lose hypotheses.
    Decoder? _command, _free;
    string? _grammar;
    int _version;
    bool _dirty = true;
    int _disposed;
    double _heardSeconds;

    /// <param name="dialog">When it expects an answer, utterances are also heard as yes or no (<see cref="Replies"/>).</param>
    public GrammarRecognizer(IOptions<SpeechOptions> opts, IOptionsMonitor<EdgeVoiceOptions> devices, ILogger<GrammarRecognizer> log, IDialogState? dialog = null)
    {
        _opts = opts.Value;
        _devices = devices;
        _log = log;
        _dialog = dialog;
        _onChange = devices.OnChange(_ => { lock (_gate) _dirty = true; _log.LogInformation("device configuration changed: command grammar will be rebuilt"); });
    }

    public string Name => RecognizerName;

    /// <summary>The command grammar in use (for diagnostics and tests).</summary>
    public string? Grammar { get { lock (_gate) return _grammar; } }

    public async Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default)
    {
        if (clip.SampleRate != AudioClip.PipelineRate) throw new ArgumentException("grammar recogniser needs 16 kHz audio");
        using var stream = Begin();
        stream.Accept(clip.Samples);
        return await stream.EndAsync(ct);
    }

    /// <summary>
    /// One utterance at a time holds the decoders, in the order they began; a new one queues its audio
    /// meanwhile. First come, first decoded: the consumer ends utterances in that order, so a later
    /// stream holding the decoders while an earlier one waits would deadlock both.
    /// </summary>
    public ISpeechStream Begin()
    {
        lock (_gate)
        {
            var s = new GrammarStream(this, _lastUtterance, _dialog?.ExpectsAnswer == true);
            _lastUtterance = s.Decoded;
            return s;
        }
    }

    Task _lastUtterance = Task.CompletedTask;

    internal readonly SemaphoreSlim Busy = new(1, 1);

    internal long MaxCommandSamples => (long)((_opts.MaxCommandSeconds + 1) * AudioClip.PipelineRate);

    /// <summary>
    /// The decoders and search names (the commands, or the commands and the answers to an open question),
    /// with the grammars rebuilt first if configuration changed. Hold <see cref="Busy"/>.
    /// </summary>
    internal (Decoder Decoder, string Search)[] Decoders(bool answers)
    {
        lock (_gate)
        {
            Ready();
            var (command, free) = Searches(answers, _version);
            return [(_command!, command), (_free!, free)];
        }
    }

    /// <summary>How many decoders an utterance is fed to: the command search, then the free loop (<see cref="Decoders"/>).</summary>
    internal const int DecoderCount = 2;

    /// <summary>
    /// Counts decoded speech; false until the decoders have heard enough (about the 5 s the live
    /// normalisation's prior weighs) to have adapted to this microphone and room. Hold <see cref="Busy"/>.
    /// </summary>
    internal bool Warm(double speechSeconds)
    {
        bool warm = _heardSeconds >= 5;
        _heardSeconds += speechSeconds;
        return warm;
    }

    /// <summary>Sees every verdict with what it was decided on (the speech bench's per-clip dump).</summary>
    internal Action<GrammarVerdict>? Observer { get; set; }

    /// <summary>
    /// Command or not: how much better the grammar fits than the free loop, per frame; unsure within
    /// <see cref="SpeechOptions.ConfirmMargin"/> of the threshold.
    /// </summary>
    internal Transcript Verdict(Hypothesis[] decoded, double speechSeconds, double snrDb)
    {
        var (cmd, free) = (decoded[0], decoded[1]);
        double threshold = Math.Max(_opts.LowestRejectMargin, _opts.RejectMargin - _opts.NoiseRelaxPerDb * Math.Max(0, _opts.CleanSnrDb - snrDb));
        var text = cmd.Text;
        double margin = cmd.Frames > 0 && text.Length > 0 ? (double)(cmd.Score - free.Score) / cmd.Frames : double.NegativeInfinity;
        bool tooLong = speechSeconds > _opts.MaxCommandSeconds;
        // A decoy ("the garage light") is heard as said, but it is no command: the intent stage
        // answers that it does not know that device, and auto mode may ask Whisper.
        bool decoy = text.Length > 0 && CommandGrammar.MentionsDecoy(text, _devices.CurrentValue.Devices);
        bool isCommand = text.Length > 0 && margin >= threshold && !tooLong && !decoy;
        // Map the margin onto 0..1 around the threshold so logs and JSON carry a readable confidence.
        double confidence = text.Length == 0 ? 0 : 1 / (1 + Math.Exp(-(margin - threshold) / 4));
        bool unsure = isCommand && margin < threshold + _opts.ConfirmMargin;
        Observer?.Invoke(new GrammarVerdict(text, free.Text, margin, threshold, snrDb, decoy, speechSeconds) { Decoded = decoded });
        _log.LogDebug("grammar '{Text}' vs free '{Free}': margin {Margin:F1}/frame (threshold {Threshold:F1} at SNR {Snr:F0} dB), {Seconds:F1} s of speech → {Verdict}",
            text, free.Text, margin, threshold, snrDb, speechSeconds, !isCommand ? "rejected" : unsure ? "command, unsure" : "command");
        return new Transcript(isCommand || (decoy && !tooLong) ? text : "", confidence, RecognizerName, isCommand)
        {
            Margin = margin, Candidate = text, Unsure = unsure,
        };
    }

    /// <summary>The search names of one grammar version: the commands, or the commands and the answers.</summary>
    static (string Command, string Free) Searches(bool answers, int version) =>
        answers ? ($"ans{version}", $"freeans{version}") : ($"cmd{version}", $"free{version}");

    void Ready()
    {
        if (_dirty)
        {
            foreach (var (what, path) in new[] { ("acoustic model", _opts.AcousticModel), ("dictionary", _opts.Dictionary) })
                if (!File.Exists(path) && !Directory.Exists(path))
                    throw new ModelUnavailableException($"pocketsphinx {what} not found at {path}: run scripts/setup.sh (apt-get install pocketsphinx-en-us)");
            var devices = _devices.CurrentValue.Devices;
            var grammar = CommandGrammar.Build(devices);
            var answers = CommandGrammar.Build(devices, answers: true);
            // Each search's free loop has its grammar's words: the answers' words in the commands' free
            // loop would lower every command's margin.
            var words = CommandGrammar.Words(grammar).ToList();
            var answerWords = CommandGrammar.Words(answers).ToList();
            var free = FreeSpeech.Build(words);
            var freeAnswers = FreeSpeech.Build(answerWords);
            var own = CommandGrammar.OwnWords(devices).ToHashSet();
            var freeWords = CommandGrammar.Words(freeAnswers).ToList();
            // The dictionary is read for words the decoders do not have yet: all of them at start, a new
            // device's after a configuration edit, none when an edit adds no word.
            var needed = answerWords.Union(freeWords).ToList();
            var missing = _command is null || _free is null ? needed : needed.Where(w => !_command.HasWord(w) || !_free.HasWord(w)).ToList();
            var entries = missing.Count == 0 ? [] : DictionaryFile.Lookup(_opts.Dictionary, missing);
            if (_command is null || _free is null) (_command, _free) = CreateDecoders(entries);
            foreach (var (d, command) in new[] { (_command, true), (_free, false) })
            {
                AddMissingWords(d, command ? answerWords : freeWords, own, entries);
                // The previous configuration's searches go: each holds its grammar and lexicon tree, and a
                // device whose configuration is edited now and then would otherwise collect them.
                foreach (var answering in new[] { false, true })
                {
                    var (cmd, loop) = Searches(answering, _version);
                    d.UnsetSearch(command ? cmd : loop);
                    var (next, nextLoop) = Searches(answering, _version + 1);
                    if (command) d.SetJsgf(next, answering ? answers : grammar);
                    else d.SetJsgf(nextLoop, answering ? freeAnswers : free);
                }
            }
            _version++;
            _grammar = grammar;
            _dirty = false;
            _log.LogInformation("command grammar built: {Devices} devices, {Words} words", _devices.CurrentValue.Devices.Count, words.Count);
        }
    }

    /// <summary>The command decoder and the free loop's, each loading only <paramref name="entries"/> of the dictionary.</summary>
    (Decoder Command, Decoder Free) CreateDecoders(Dictionary<string, List<string>> entries)
    {
        var dict = DictionaryFile.Write(entries);
        try
        {
            var command = CreateDecoder(wide: true, dict);
            try { return (command, CreateDecoder(wide: false, dict)); }
            catch { command.Dispose(); throw; }
        }
        finally { File.Delete(dict); }
    }

    Decoder CreateDecoder(bool wide, string dictionary)
    {
        var args = new Dictionary<string, string>
        {
            ["-hmm"] = _opts.AcousticModel,
            ["-dict"] = dictionary,
            ["-logfn"] = _opts.PocketSphinxLog,
            // No fillers between words: they swallowed "twenty" in "twenty one".
            ["-fsgusefiller"] = "no",
            // pocketsphinx's own VAD (on by default in 5prealpha) drops frames it judges silent; LiveTrim
            // has already cut the pauses, and at 10 dB SNR the VAD also dropped weak speech (one more
            // command of 49 recognised there, nothing else changed).
            ["-remove_silence"] = "no",
        };
        if (wide)
        {
            // Wide beams for the command grammar: it is small, and the default beams lost whole
            // hypotheses on fast male voices. The free loop keeps the default beams: it only needs a
            // reference score, and wide beams over hundreds of words doubled the latency.
            args["-beam"] = "1e-80";
            args["-pbeam"] = "1e-80";
            args["-wbeam"] = "1e-60";
            // More Gaussians per frame from the tied mixtures: 8 instead of the default 4 took the bench
            // from 81.6 to 86 % same command; 16 fixes more hypotheses (names no longer taken by decoys on
            // the bench and held-out set) but raises chatter's margins more than commands' (median +1.3
            // vs +0.4 per frame on clean audio), hence the reject thresholds one higher than with 8 (see
            // SpeechOptions). 32 lost commands on en+m3. The free loop keeps 4: a sharper reference model
            // fits noise better and made real commands in noise look out of grammar.
            args["-topn"] = "16";
        }
        return Decoder.Create(args);
    }

    /// <summary>
    /// Words the decoder lacks: from the dictionary's <paramref name="entries"/> (a device added since the
    /// decoder was created), else guessed by espeak-ng; and non-rhotic variants of <paramref name="own"/> words.
    /// </summary>
    void AddMissingWords(Decoder d, IReadOnlyList<string> words, HashSet<string> own, Dictionary<string, List<string>> entries)
    {
        var failed = new List<string>();
        foreach (var w in words.Where(w => !d.HasWord(w)))
        {
            if (entries.TryGetValue(w, out var known))
            {
                for (int n = 0; n < known.Count; n++) d.AddWord(DictionaryFile.EntryName(w, n), known[n]);
                continue;
            }
            try
            {
                var phones = Pronunciations.Guess(_opts.EspeakPath, w);
                d.AddWord(w, phones);
                _log.LogInformation("'{Word}' is not in the dictionary; using /{Phones}/ from espeak-ng", w, phones);
            }
            catch (InvalidOperationException e) { failed.Add(w); _log.LogError("{Message}", e.Message); }
        }
        foreach (var w in words.Where(own.Contains))
            if (d.Phones(w) is { } phones && Pronunciations.NonRhotic(phones) is { } variant)
                AddVariant(d, w, variant);
        if (failed.Count > 0)
            throw new InvalidOperationException("no pronunciation for: " + string.Join(", ", failed) + " (rename the device or add an alias with dictionary words)");
    }

    /// <summary>Adds an alternative pronunciation as word(2), word(3), … unless the word already has it.</summary>
    static void AddVariant(Decoder d, string word, string phones)
    {
        for (int n = 2; ; n++)
        {
            var existing = d.Phones($"{word}({n})");
            if (existing == phones) return;
            if (existing is null) { d.AddWord($"{word}({n})", phones); return; }
        }
    }

    public void Dispose()
    {
        _onChange?.Dispose();
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // Wait for an utterance still decoding: freeing a decoder under it would crash the process. One
        // that never ends (a stream neither ended nor disposed) must not hang shutdown: leave the
        // decoders to the process exit instead.
        if (!Busy.Wait(TimeSpan.FromSeconds(10)))
        {
            _log.LogWarning("an utterance still holds the speech decoders after 10 s; not freeing them");
            return;
        }
        lock (_gate) { _command?.Dispose(); _free?.Dispose(); }
    }
}

/// <summary>What one verdict was decided on: both searches' words, the margin per frame and its threshold.</summary>
internal sealed record GrammarVerdict(string Command, string Free, double Margin, double Threshold, double SnrDb, bool Decoy, double Seconds)
{
    /// <summary>Every decoder's hypothesis, path score and frames, in the order of the decoders.</summary>
    public Hypothesis[] Decoded { get; init; } = [];
}
