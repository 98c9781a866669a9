using EdgeVoice.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Speech.PocketSphinx;

/// <summary>
/// The grammar recogniser's four decoders, by role, and the locking over them: one utterance holds the
/// set from its first decoded frame until its verdict, in the order utterances began (<see cref="InTurn"/>). A configuration change
/// marks the grammars stale; they are rebuilt by the next holder, never under a decoding utterance.
/// </summary>
internal sealed class DecoderSet : IDisposable
{
    // Search names by role. Rebuilding a grammar replaces the search of the same name (pocketsphinx frees the old one).
    const string Commands = "commands", Answers = "answers", Free = "free", FreeAnswers = "free-answers", CheckSearch = "check";

    readonly SpeechOptions _opts;
    readonly DeviceCatalog _devices;
    readonly GrammarSource? _source;
    readonly TemplateTier? _templates;
    readonly ILogger _log;
    readonly SemaphoreSlim _busy = new(1, 1);
    readonly object _gate = new();
    // A decoder per role: sharing one carries feature-normalisation state from one search into the
    // next and made the command search lose hypotheses.
    // Two check decoders: the heard sentence among its rivals and the rivals alone are forced on the utterance at once, so
    // the check costs the longer pass after the end of speech rather than both.
    Decoder? _command, _free, _check, _rivalCheck;
    Decoder?[] All => [_command, _free, _check, _rivalCheck];
    string? _grammar;
    IReadOnlyList<string> _decoys = [];
    NameWords? _names;
    bool _dirty = true;
    int _disposed;
    double _heardSeconds;
    DateTime _meanKeptAt = DateTime.MinValue;
    // Kept-mean writes, in order, off the decoding path: an SD card's write must not delay a verdict.
    Task _keeping = Task.CompletedTask;

    /// <summary>About the speech live normalisation's prior weighs: after this much the decoders have adapted.</summary>
    const double WarmSeconds = 5;

    public DecoderSet(SpeechOptions opts, DeviceCatalog devices, GrammarSource? source, ILogger log, TemplateTier? templates = null)
    {
        (_opts, _devices, _source, _log, _templates) = (opts, devices, source, log, templates);
    }

    /// <summary>Grammars are rebuilt before the next utterance decodes.</summary>
    public void MarkStale() { lock (_gate) _dirty = true; }

    /// <summary>The command grammar in use (diagnostics and tests); null before the first utterance.</summary>
    public string? Grammar { get { lock (_gate) return _grammar; } }

    /// <summary>
    /// Runs one utterance's decoding holding the decoders, after every utterance queued before it, off the
    /// caller's thread (the front end begins streams on its audio thread). First come, first decoded: the
    /// consumer ends utterances in that order, so a later one holding the decoders while an earlier one
    /// waits would deadlock both. The grammars are rebuilt first if configuration changed.
    /// </summary>
    public Task<T> InTurn<T>(bool answers, Func<Lease, Task<T>> decode)
    {
        lock (_gate)
        {
            var previous = _last;
            var work = Task.Run(async () =>
            {
                await previous.ContinueWith(_ => { }, TaskScheduler.Default); // its failure is its own caller's
                using var lease = await AcquireAsync(answers);
                return await decode(lease);
            });
            _last = work;
            return work;
        }
    }

    Task _last = Task.CompletedTask;

    async Task<Lease> AcquireAsync(bool answers)
    {
        await _busy.WaitAsync();
        try
        {
            lock (_gate) Ready();
            return new Lease(this, answers);
        }
        catch { _busy.Release(); throw; }
    }

    /// <summary>How many decoders an utterance is streamed to (<see cref="Lease.Streamed"/>).</summary>
    public const int StreamedCount = 2;

    /// <summary>The decoders held by one utterance.</summary>
    public sealed class Lease(DecoderSet set, bool answers) : IDisposable
    {
        int _released;

        /// <summary>The decoders streamed to, with their searches: the command search, then the free loop.</summary>
        public (Decoder Decoder, string Search)[] Streamed =>
            [(set._command!, answers ? Answers : Commands), (set._free!, answers ? FreeAnswers : Free)];

        /// <summary>A confirmation question is open: the searches have the answers (<see cref="Replies"/>).</summary>
        public bool Answering => answers;

        /// <summary>The decoys of the grammar being decoded with (<see cref="CommandGrammar.DecoysFor"/>), worked out when it was built.</summary>
        public IReadOnlyList<string> Decoys => set._decoys;

        /// <summary>The words that tell the grammar's devices and decoys apart, worked out when it was built.</summary>
        public NameWords Names => set._names!;

        /// <summary>
        /// Counts decoded speech; false until the decoders have heard enough (about the 5 s the live
        /// normalisation's prior weighs) to have adapted to this microphone and room.
        /// </summary>
        public bool Warm(double speechSeconds)
        {
            bool warm = set._heardSeconds >= WarmSeconds;
            set._heardSeconds += speechSeconds;
            if (warm && DateTime.UtcNow - set._meanKeptAt >= TimeSpan.FromMinutes(10)) set.KeepMeanInBackground();
            return warm;
        }

        /// <summary>
        /// The best of the heard sentence and its rivals forced on the whole utterance, and the best of the rivals alone, on
        /// the check decoders (batch normalisation: the live decoders' state is not touched). Null without rivals.
        /// </summary>
        /// <remarks>
        /// pocketsphinx scores each frame against the best senone its search computed, and a bigger grammar computes more:
        /// the heard sentence forced alone scored up to ~8 per frame better against hundreds of rivals than it would among
        /// them (EXPERIMENTS.md, session 26). Forced among its rivals, both passes are of nearly one size; when a rival wins
        /// that pass, the heard sentence is not the audio's best fit and the command is asked back.
        /// </remarks>
        public (Hypothesis Heard, Hypothesis Rival)? Check(string heard, short[] pcm)
        {
            var rivals = Rivals.Of(heard, set._devices.Devices, set._check!.HasWord);
            if (rivals.Count == 0) return null;
            bool lead = Lead.In(set._source);
            Hypothesis said = default, rival = default;
            // Both passes end before anything is thrown, so no pass outlives the lease; the error is pocketsphinx's own.
            try { Parallel.Invoke(() => said = Pass(set._check!, rivals.Append(heard), pcm, lead), () => rival = Pass(set._rivalCheck!, rivals, pcm, lead)); }
            catch (AggregateException e) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); }
            return (said, rival);
        }

        static Hypothesis Pass(Decoder d, IEnumerable<string> sentences, short[] pcm, bool lead)
        {
            d.SetJsgf(CheckSearch, Rivals.Grammar(sentences, lead));
            try { return d.DecodeWhole(CheckSearch, pcm); }
            finally { d.UnsetSearch(CheckSearch); }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) set._busy.Release();
        }
    }

    void Ready()
    {
        if (!_dirty) return;
        foreach (var (what, path) in new[] { ("acoustic model", _opts.AcousticModel), ("dictionary", _opts.Dictionary) })
            if (!File.Exists(path) && !Directory.Exists(path))
                throw new ModelUnavailableException($"pocketsphinx {what} not found at {path}: run scripts/setup.sh (apt-get install pocketsphinx-en-us)");
        var devices = _devices.Devices;
        var grammar = CommandGrammar.Build(devices, answers: false, _source, _templates);
        var answers = CommandGrammar.Build(devices, answers: true, _source, _templates);
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
        bool created = All.All(d => d is not null);
        var missing = created ? needed.Where(w => All.Any(d => !d!.HasWord(w))).ToList() : needed;
        var entries = missing.Count == 0 ? [] : DictionaryFile.Lookup(_opts.Dictionary, missing);
        if (!created) (_command, _free, _check, _rivalCheck) = CreateDecoders(entries);
        foreach (var d in new[] { _command!, _check!, _rivalCheck! }) AddMissingWords(d, answerWords, own, entries);
        AddMissingWords(_free!, freeWords, own, entries);
        foreach (var (d, name, jsgf) in new[] { (_command!, Commands, grammar), (_command!, Answers, answers), (_free!, Free, free), (_free!, FreeAnswers, freeAnswers) })
        {
            // The previous configuration's search goes first: it holds its grammar and lexicon tree.
            d.UnsetSearch(name);
            d.SetJsgf(name, jsgf);
        }
        _grammar = grammar;
        _decoys = CommandGrammar.DecoysFor(devices);
        _names = new NameWords(devices, _decoys);
        _dirty = false;
        _log.LogInformation("command grammar built: {Devices} devices, {Words} words", devices.Count, words.Count);
    }

    /// <summary>The command, free-loop and two check decoders, each loading only <paramref name="entries"/> of the dictionary.</summary>
    (Decoder Command, Decoder Free, Decoder Check, Decoder RivalCheck) CreateDecoders(Dictionary<string, List<string>> entries)
    {
        var dict = DictionaryFile.Write(entries);
        var made = new List<Decoder>();
        try
        {
            // The streamed decoders start from the mean kept at the last run, if any, instead of the model's prior.
            var kept = CepstralMeanFile.Load(_opts.CepstralMeanFile, _log);
            foreach (var wide in new[] { true, false, true, true }) made.Add(CreateDecoder(wide, dict));
            // Still decoded twice and compared until 5 s of speech: the kept mean may be another room's or voice's.
            if (kept is not null && made[0].SetCepstralMean(kept) && made[1].SetCepstralMean(kept))
                _log.LogInformation("speech decoders start from the cepstral mean kept in {File}", _opts.CepstralMeanFile);
            // the command and check searches may begin with noise; the free loop never does
            foreach (var d in new[] { made[0], made[2], made[3] }) Lead.AddTo(d);
            return (made[0], made[1], made[2], made[3]);
        }
        catch { foreach (var d in made) d.Dispose(); throw; }
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
            // More Gaussians per frame from the tied mixtures: 16 instead of the default 4 (EXPERIMENTS.md,
            // sessions 2-3). The free loop keeps 4: a sharper reference model fits noise better and made
            // real commands in noise look out of grammar.
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

    /// <summary>For tests: a decoder's pronunciation of a word, on every decoder (rebuilding first).</summary>
    internal IEnumerable<string?> Phones(string word)
    {
        _busy.Wait();
        try
        {
            lock (_gate) Ready();
            return [.. All.Select(d => d!.Phones(word))];
        }
        finally { _busy.Release(); }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // Wait for an utterance still decoding: freeing a decoder under it would crash the process. One
        // that never ends (a stream neither ended nor disposed) must not hang shutdown: leave the
        // decoders to the process exit instead.
        if (!_busy.Wait(TimeSpan.FromSeconds(10)))
        {
            _log.LogWarning("an utterance still holds the speech decoders after 10 s; not freeing them");
            return;
        }
        lock (_gate)
        {
            var last = _heardSeconds >= WarmSeconds ? MeanToKeep() : null;
            foreach (var d in All) d?.Dispose();
            _keeping.Wait(); // a write begun earlier finishes before the last one replaces it
            if (last is not null) CepstralMeanFile.Save(_opts.CepstralMeanFile, last, _log);
        }
    }

    /// <summary>
    /// Writes the command decoder's learned mean to <see cref="SpeechOptions.CepstralMeanFile"/> after the writes before it,
    /// on the thread pool (callers hold the decoders: the mean is read now).
    /// </summary>
    void KeepMeanInBackground()
    {
        if (MeanToKeep() is not { } mean) return;
        _keeping = _keeping.ContinueWith(_ => CepstralMeanFile.Save(_opts.CepstralMeanFile, mean, _log), TaskScheduler.Default);
    }

    /// <summary>The command decoder's learned mean, or null when none is kept (callers hold the decoders).</summary>
    float[]? MeanToKeep()
    {
        _meanKeptAt = DateTime.UtcNow;
        return _opts.CepstralMeanFile.Length == 0 ? null : _command?.CepstralMean();
    }
}
