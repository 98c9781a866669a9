using EdgeVoice.Bench;
using Microsoft.Extensions.Logging;

// Usage: EdgeVoice.Bench <samplesDir> <cliPath> [rounds]; the broker port comes from EDGEVOICE__Mqtt__Port.
//        EdgeVoice.Bench speech [heldout|third] [factory] [debug] [dump=FILE] — the speech recogniser's bench alone (no
//        broker, no CLI build needed); heldout: other voices, speeds, noise and out-of-grammar sentences; third: six more
//        conditions with the bench's chatter; factory: that profile's commands instead of the home profile's; debug: log
//        each verdict; dump: one tab-separated row per clip (SpeechBench.DumpHeader) for tests/EdgeVoice.Bench/refit.py.
// EdgeVoice.Bench speech answers [flite] [espeak] | heldout | prompts | hedgewars | sphinxdata | kajongg | mandarin | ktuberling [dump=FILE] [noise=DB] — the answers to a
//        confirmation question per voice family (AnswerFamilies); the real-voice sets (RealVoices, picked as for `speech families` below but
//        prompts in every language unless lang= says) while a question is open (Hedgewars' "Yes sir" and "Nooo" answers, the rest chatter).
// EdgeVoice.Bench speech families [espeak] [piper] [flite] [quick] [nocheck] [cold] [restored] [rival=R] [dump=FILE] | heldout | fresh | phone — nocheck: without the rival check; cold: a new recogniser for every clip (as `simulate --wav` one file at a time); restored: cold, each starting from the cepstral mean a warm run over the clips of its condition (voice, room) kept (a restarted device); meanfrom=FILE: cold, each starting from the mean in FILE, kept on another voice or room (a device restarted after it was moved); floors=FILE: the clips measured (Floors: envelope modulation, the floor's tilt and spread, the highs' fall), not decoded; rival=R: RivalMargin R and no noisy rise (R=-1000 records every gap, to refit offline); dump: one row per clip for families.py; espeak-ng, Piper and flite voices side by side (heldout: festival, scored once; fresh: festival's ked_diphone, held out from session 22; phone: festival's diphones through a telephone band, held out from session 23; sam: SAM (npm sam-js), held out from session 24; samroom: SAM in very reverberant rooms, held out from session 24; flite70: flite in rooms more reverberant than it was tuned in, from session 24; opposites: festival saying only commands whose action has an opposite, in reverb 70-75, from session 25 (seen); opposites2, flite-opp: the same in other rooms and sentences, held out from session 25; opposites3, flite-opp2: the same again, held out from session 26; sam-opp: the same with SAM, opposites4: festival again, both held out from session 27; opposites5, flite-opp3: festival and flite in noise 20-30 dB with little reverberation, held out from session 40).
//        source=commands|ondevice|templates|both: heard with that Speech:GrammarSource's grammar and scored through the intent engine (rules, then templates).
//        recordings=DIR [profile=NAME]: only the WAVs in DIR (file name = what is said, any rate), heard as config/NAME.json (default speech-dev)
//        sets the product up, its own GrammarSource unless source= says; scripts/bench.sh recordings DIR runs this.
//        prompts [lang=en,es,fr,it,ru|all] [profile=NAME]: the Asterisk PBX's studio prompts (real human speech, none a command;
//        Debian asterisk-core-sounds-LANG-g722; default en, Allison Smith, held out from session 32; the others from session 33),
//        heard as config/NAME.json sets the product up (default: speech-dev, then home).
//        hedgewars [pack=NAME,...] [profile=NAME]: the game's voice packs (real actors shouting, none a command; Debian hedgewars-data),
//        every pack unless pack= names some; sphinxdata: pocketsphinx's test recordings (real read speech full of numbers; Debian
//        pocketsphinx-testdata); both held out from session 37, heard as prompts are (they can be given together).
//        kajongg [pack=NAME,...]: the game Kajongg's voices calling tiles ("bamboo five", "green dragon"; four English, four German as
//        de/NAME; scripts/setup.sh unpacks them into artifacts/voices/kajongg), held out from session 38, heard as prompts are.
//        mandarin [voice=3,5]: every Mandarin syllable said alone by two people (Debian gcin-voice), held out from session 38, heard as prompts are.
//        ktuberling [pack=LANG,...]: the game Potato Guy's words, each said alone by a person, 1,828 in 23 languages (Debian
//        ktuberling-data; "eye", "hat", "camel" in English), held out from session 39, heard as prompts are.
//        music [snr=DB] [profile=NAME]: Piper's speech-dev commands with real music under them (Debian asterisk-moh-opsound-g722), DB
//        (default 10) below the words, and music alone; held out from session 33.
//        With dump=FILE: one row per clip (SourceFamilies: the verdict's scores, margin, threshold, rival gap, why asked back, and the intents meant, done and of the command hypothesis).
EdgeVoice.Core.NativeHeap.LimitArenas(); // as the host does, so memory rows match the service
// `loop ... dynamic-mmap`: glibc's own moving threshold, the host's heap before the fixed one (the memory row's "before").
if (!args.Contains("dynamic-mmap")) EdgeVoice.Core.NativeHeap.ReturnLargeBlocks();
// NAME=VALUE arguments.
string? Arg(string name) => args.FirstOrDefault(a => a.StartsWith(name + "="))?[(name.Length + 1)..];
if (args is ["speech", "answers", ..])
{
    using var dump = Arg("dump") is string d ? new StreamWriter(d) : null;
    await AnswerFamilies.RunAsync(Console.Out, heldOut: args.Contains("heldout"), only: [.. args[2..].Where(a => a != "heldout" && !a.Contains('='))], dump,
        RealVoices.Named(args, Arg, everyPrompt: true), Arg("noise") is string db ? double.Parse(db, System.Globalization.CultureInfo.InvariantCulture) : null);
    return;
}
if (args is ["speech", "families", ..])
{
    using var dump = Arg("dump") is string d ? new StreamWriter(d) : null;
    using var floors = Arg("floors") is string fl ? new StreamWriter(fl) : null;
    var options = args.Contains("nocheck") ? new EdgeVoice.Speech.SpeechOptions { RivalMargin = double.NegativeInfinity }
        : Arg("rival") is string rm ? new EdgeVoice.Speech.SpeechOptions { RivalMargin = double.Parse(rm, System.Globalization.CultureInfo.InvariantCulture), NoisyRivalMarginPerDb = 0 } : null;
    if (Arg("recordings") is string recordings)
    {
        var row = await FamilySets.RecordingsAsync(Console.Out, recordings, Arg("profile") ?? "speech-dev", Arg("source"), options, dump, cold: args.Contains("cold"));
        Console.WriteLine(SourceRow.Header);
        Console.WriteLine(row.Line);
        return;
    }
    if (args.Contains("music"))
    {
        var snr = double.Parse(Arg("snr") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
        var rows = await FamilySets.MusicAsync(Console.Out, snr, Arg("profile") ?? "speech-dev", Arg("source"), options, dump, cold: args.Contains("cold"));
        Console.WriteLine(SourceRow.Header);
        foreach (var row in rows) Console.WriteLine(row.Line);
        return;
    }
    if (RealVoices.Named(args, Arg) is { Count: > 0 } sets)
    {
        var rows = new List<SourceRow>();
        foreach (var profile in Arg("profile") is string p ? [p] : new[] { "speech-dev", "home" })
            foreach (var set in sets)
                rows.Add(await FamilySets.NoCommandAsync(Console.Out, set.Name, await set.Clips(), profile, Arg("source"), options, dump, cold: args.Contains("cold")));
        Console.WriteLine(SourceRow.Header);
        foreach (var row in rows) Console.WriteLine(row.Line);
        return;
    }
    await FamilySets.RunAsync(Console.Out, heldOut: args.Contains("heldout"), only: [.. args[2..].Where(a => a is not ("heldout" or "quick" or "nocheck" or "cold" or "restored") && !a.Contains('='))],
        quick: args.Contains("quick"), dump: dump, source: Arg("source"), options: options, cold: args.Contains("cold"), restored: args.Contains("restored"), meanFrom: Arg("meanfrom"), floors: floors);
    return;
}
if (args is ["speech", ..])
{
    using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)
        .SetMinimumLevel(args.Contains("debug") ? LogLevel.Debug : LogLevel.Warning));
    var opts = new EdgeVoice.Speech.SpeechOptions();
    bool factory = args.Contains("factory");
    var set = args.Contains("heldout") ? SpeechBenchSet.HeldOut : args.Contains("third") ? SpeechBenchSet.Third : SpeechBenchSet.Bench;
    using var dump = Arg("dump") is string d ? new StreamWriter(d) : null;
    await SpeechBench.RunAsync(factory ? EdgeVoice.Testing.Profiles.Factory : EdgeVoice.Testing.Profiles.Home, Console.Out, opts, set,
        log: logs.CreateLogger<EdgeVoice.Speech.PocketSphinx.GrammarRecognizer>(), confirming: set != SpeechBenchSet.Bench || factory ? null : EdgeVoice.Testing.Profiles.Factory, dump: dump,
        templates: EdgeVoice.Testing.Profiles.Templates(factory ? "factory" : "home"));
    return;
}
// EdgeVoice.Bench grammar-source [CLI] [commands] [templates] [both] — the Piper set through `simulate --wav` per Speech:GrammarSource.
if (args is ["grammar-source", ..])
{
    var cliPath = args.Length > 1 && !args[1].All(char.IsAsciiLetterLower) ? args[1] : "artifacts/edgevoice/edgevoice";
    string[] sources = [.. args.Skip(1).Where(a => a is "commands" or "templates" or "both")];
    await GrammarSourceBench.RunAsync(cliPath, sources.Length > 0 ? sources : ["commands", "templates", "both"], Console.Out);
    return;
}
// EdgeVoice.Bench grammar-growth [commands] [templates] [both] [sizes=16,20,40] — the Piper set with more devices configured: grammar size and recognition per size.
if (args is ["grammar-growth", ..])
{
    string[] sources = [.. args.Skip(1).Where(a => a is "commands" or "templates" or "both")];
    int[] sizes = args.FirstOrDefault(a => a.StartsWith("sizes=")) is { } z ? [.. z["sizes=".Length..].Split(',').Select(int.Parse)] : [16, 20, 40]; // speech-dev has 16 devices
    await GrammarGrowthBench.RunAsync(sources.Length > 0 ? sources : ["commands", "templates"], sizes, Console.Out);
    return;
}
// EdgeVoice.Bench templates — Home Assistant's sentence templates alone (load, memory, match latency).
if (args is ["templates"])
{
    TemplateBench.Run();
    return;
}
// EdgeVoice.Bench template-cost [rounds] — what every utterance pays for the template match made before the rules (engine with and without it).
if (args is ["template-cost", ..])
{
    TemplateBench.PerUtterance(args.Length > 1 ? int.Parse(args[1]) : 20);
    return;
}
// EdgeVoice.Bench wyoming [rounds] — Wyoming speech to text against the in-process recogniser, several clients, connections held.
if (args is ["wyoming", ..])
{
    await WyomingBench.RunAsync("models/samples", args.Length > 1 ? int.Parse(args[1]) : 3);
    return;
}
// EdgeVoice.Bench wake — the wake word bench alone (BENCH_WAKE_SEED=101 for the held-out set 2).
if (args is ["wake"])
{
    Environment.SetEnvironmentVariable("BENCH_ONLY", "wake");
    await StageBenches.RunAsync("models/samples");
    return;
}
// EdgeVoice.Bench wake-build SEED... — build and cache held-out wake sets without scoring them.
if (args is ["wake-build", ..])
{
    foreach (var sd in args[1..])
        WakeBench.Streams(WakeBench.DefaultCacheDir, WakeBench.DefaultSpeechDir, int.Parse(sd), progress: Console.Error.WriteLine);
    return;
}
// EdgeVoice.Bench wake-sweep SEED SCORING [thresholds] [K/N,...] [verifier]: threshold trade-off on the cached wake bench streams
//        (SCORING pretrained | head; the verifier with pretrained only; K/N: wake when K of the last N frames pass; run `wake` first to build the streams).
if (args is ["wake-sweep", var sweepSeed, var scoring, ..])
{
    Func<EdgeVoice.Core.IWakeVerifier>? v = args.Contains("verifier") ? () => new EdgeVoice.Speech.PocketSphinx.KeyphraseVerifier(new EdgeVoice.Speech.SpeechOptions()) : null;
    double[] th = args.Length > 3 && args[3] != "verifier" ? args[3].Split(',').Select(double.Parse).ToArray()
        : scoring == "pretrained" ? [0.2, 0.3, 0.4, 0.5] : [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99];
    (int, int)[]? patience = args.Length > 4 && args[4].Contains('/')
        ? args[4].Split(',').Select(p => p.Split('/')).Select(p => (int.Parse(p[0]), int.Parse(p[1]))).ToArray() : null;
    foreach (var line in WakeBench.Sweep(EdgeVoice.Testing.Repo.Models, WakeBench.DefaultCacheDir,
                 thresholds: th, verifier: v, seed: int.Parse(sweepSeed), scoring: scoring, patience: patience,
                 candidates: scoring == "pretrained" ? null : [0.1, 0.3, 0.5], verifierThresholds: [-40, -20, -10, 0], slopes: [0, 50, 100]))
        Console.WriteLine(line);
    return;
}
// EdgeVoice.Bench models SAMPLES [rounds] — Whisper and the LLM at the real models' shapes (trained files in models/, else the
//        random-weight ones of scripts/test-models.sh), and the whole loop with both loaded, in a fresh process so its peak RSS is theirs.
if (args is ["models", var modelSamples, ..])
{
    await ModelBench.LoopAsync(modelSamples, args.Length > 2 ? int.Parse(args[2]) : 1);
    await ModelBench.WhisperAsync(modelSamples, 2);
    var llmRows = new Table("figure", "median ms", "p95 ms", "median CPU ms", "n", "target");
    await ModelBench.LlmAsync(llmRows);
    llmRows.Print("LLM tier (LLamaSharp 0.30.0, commands chosen among the configured ones)");
    await ModelBench.ColdStartAsync(modelSamples, 3);
    return;
}
// EdgeVoice.Bench loop SAMPLES [rounds] [dynamic-mmap] — the whole loop with both models alone (stage timings, memory by stage, peak RSS).
// EdgeVoice.Bench loop-heap SAMPLES [rounds] — that, once with glibc's moving mmap threshold and once with the host's fixed one (two processes).
if (args is ["loop", var loopSamples, ..])
{
    await ModelBench.LoopAsync(loopSamples, args.Length > 2 && int.TryParse(args[2], out int r) ? r : 1);
    return;
}
if (args is ["loop-heap", var heapSamples, ..])
{
    await ModelBench.LoopHeapAsync(heapSamples, args.Length > 2 ? int.Parse(args[2]) : 1);
    return;
}
// EdgeVoice.Bench whisper SAMPLES [runs] [command] — the Whisper rows of `models` alone: tiny.en and base.en, full and clip-sized
//        audio context; command: the sample command only (not kennedy.wav).
if (args is ["whisper", var whisperSamples, ..])
{
    await ModelBench.WhisperAsync(whisperSamples, args.Length > 2 ? int.Parse(args[2]) : 2, commandOnly: args.Contains("command"));
    return;
}
// EdgeVoice.Bench coldstart SAMPLES [runs] — the cold start row of `models` alone (needs src/EdgeVoice.Host built in Release).
if (args is ["coldstart", var coldSamples, ..])
{
    await ModelBench.ColdStartAsync(coldSamples, args.Length > 2 ? int.Parse(args[2]) : 3);
    return;
}
// EdgeVoice.Bench llm — the LLM rows of `models` alone (per command with the prefix reused, prefill/decode tokens/s): a minute, not an hour.
if (args is ["llm"])
{
    var rows = new Table("figure", "median ms", "p95 ms", "median CPU ms", "n", "target");
    await ModelBench.LlmAsync(rows);
    rows.Print("LLM tier (LLamaSharp 0.30.0, commands chosen among the configured ones)");
    return;
}
// EdgeVoice.Bench memory VARIANT [commands] — resident memory of Whisper tiny.en + the 0.5B LLM stage by stage, one llama.cpp
//        setting per process (MemoryBench.Variants: default, mmap, ctx512, ubatch512, ubatch16, kv-q8, no-flash).
if (args is ["memory", var variant, ..])
{
    await MemoryBench.RunAsync(variant, "models/samples", args.Length > 2 ? int.Parse(args[2]) : 20);
    return;
}
var samples = args.Length > 0 ? args[0] : "models/samples";
var cli = args.Length > 1 ? args[1] : "artifacts/edgevoice/edgevoice";
int rounds = args.Length > 2 ? int.Parse(args[2]) : 5;
var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
    .Where(e => ((string)e.Key).StartsWith("EDGEVOICE__"))
    .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

await PipelineBench.RunAsync(samples, rounds);
await PipelineBench.ColdStartAsync(cli, Directory.GetFiles(samples, "*.wav").Order().First(), 3, env);
await StageBenches.RunAsync(samples);
