namespace EdgeVoice.Host.Cli;

/// <summary>Command line: `edgevoice [run|simulate|check] [options]`. Hand-parsed: few verbs, stable contract.</summary>
public sealed class CliArgs
{
    public string Verb { get; private set; } = "run";
    public List<string> Wavs { get; } = [];
    public List<string> Texts { get; } = [];
    public string? Stream { get; private set; }
    public string? ConfigFile { get; private set; }
    public string? ReplyDir { get; private set; }
    public bool Json { get; private set; }
    public bool Realtime { get; private set; }
    public bool Help { get; private set; }
    public string? Phrase { get; private set; }
    public string? Out { get; private set; }
    public bool IfMissing { get; private set; }

    public const string Usage = """
        EdgeVoice — offline voice assistant: wake word → speech-to-text → intents → MQTT → spoken reply.

        Usage:
          edgevoice [run] [--config FILE]        run the always-listening service (microphone, GPIO, MQTT)
          edgevoice simulate --wav FILE [FILE ...] [--config FILE] [--reply-dir DIR] [--json]
                                                  each WAV is one utterance after push-to-talk
          edgevoice simulate --text "..." [--text "..." ...] [--config FILE] [--json]
                                                  each text is a transcript: the intent stage and after, no audio in
          edgevoice simulate --stream FILE [--realtime] [--config FILE] [--reply-dir DIR] [--json]
                                                  one long recording: wake word, then command, repeatedly
          edgevoice check [--config FILE]         check models, tools and broker settings, then exit
          edgevoice wake-train [--phrase TEXT] [--out FILE] [--if-missing] [--config FILE]
                                                  train the wake word head for a phrase from synthetic speech
                                                  (espeak-ng; a few minutes); default: WakeWord:Phrase into
                                                  models/wake/<phrase>.head

        Configuration: appsettings.json, then config/<Profile>.json (home, factory), then --config FILE,
        then environment variables EDGEVOICE__Section__Key (e.g. EDGEVOICE__Mqtt__Host=broker.local).
        """;

    public static CliArgs Parse(IReadOnlyList<string> args)
    {
        var a = new CliArgs();
        int i = 0;
        if (args.Count > 0 && !args[0].StartsWith('-')) a.Verb = args[i++];
        if (a.Verb is not ("run" or "simulate" or "check" or "wake-train" or "help"))
            throw new ArgumentException($"unknown command '{a.Verb}'");
        for (; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count && !IsOption(args[i + 1]) ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--wav":
                    // `--wav recordings/*.wav`: the shell hands over every file after the one option.
                    a.Wavs.Add(Value());
                    while (i + 1 < args.Count && !IsOption(args[i + 1])) a.Wavs.Add(args[++i]);
                    break;
                case "--text": a.Texts.Add(Value()); break;
                case "--stream": a.Stream = Value(); break;
                case "--config": a.ConfigFile = Value(); break;
                case "--reply-dir": a.ReplyDir = Value(); break;
                case "--phrase": a.Phrase = Value(); break;
                case "--out": a.Out = Value(); break;
                case "--if-missing": a.IfMissing = true; break;
                case "--json": a.Json = true; break;
                case "--realtime": a.Realtime = true; break;
                case "-h" or "--help": a.Help = true; break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        if (a.Verb == "help") a.Help = true;
        int inputs = (a.Wavs.Count > 0 ? 1 : 0) + (a.Stream is null ? 0 : 1) + (a.Texts.Count > 0 ? 1 : 0);
        if (a.Verb == "simulate" && !a.Help && inputs == 0)
            throw new ArgumentException("simulate needs --wav FILE, --stream FILE or --text \"...\"");
        if (inputs > 1)
            throw new ArgumentException("use either --wav, --stream or --text, not several");
        return a;
    }

    static bool IsOption(string arg) => arg.StartsWith("--", StringComparison.Ordinal) || arg is "-h";
}
