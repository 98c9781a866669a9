using EdgeVoice.Audio;
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
    readonly ILogger<GrammarRecognizer> _log;
    readonly IDialogState? _dialog;
    readonly IDisposable? _onChange;
    readonly DecoderSet _decoders;

    /// <param name="dialog">When it expects an answer, utterances are also heard as yes or no (<see cref="Replies"/>).</param>
    /// <param name="source">Speech:GrammarSource (<see cref="GrammarSource.From"/>); null: the command sentences alone.</param>
    /// <param name="templates">The template tier when it is on: "what time is it" and, with its satellite area, "turn on the
    /// lights" are heard too (<see cref="CommandGrammar.Build"/>).</param>
    public GrammarRecognizer(IOptions<SpeechOptions> opts, DeviceCatalog devices, ILogger<GrammarRecognizer> log, IDialogState? dialog = null,
        GrammarSource? source = null, TemplateTier? templates = null)
    {
        _opts = opts.Value;
        _log = log;
        _dialog = dialog;
        _decoders = new DecoderSet(_opts, devices, source, log, templates);
        _onChange = devices.OnChange(_ => { _decoders.MarkStale(); _log.LogInformation("device configuration changed: command grammar will be rebuilt"); });
    }

    public string Name => RecognizerName;

    /// <summary>The command grammar in use (for diagnostics and tests).</summary>
    public string? Grammar => _decoders.Grammar;

    public async Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default)
    {
        if (clip.SampleRate != AudioClip.PipelineRate) throw new ArgumentException("grammar recogniser needs 16 kHz audio");
        using var stream = Begin();
        stream.Accept(clip.Samples);
        return await stream.EndAsync(ct);
    }

    /// <summary>A stream decoded in turn after every one begun before it (<see cref="DecoderSet.InTurn"/>).</summary>
    public ISpeechStream Begin() => new GrammarStream(this, _dialog?.ExpectsAnswer == true);

    internal DecoderSet Decoders => _decoders;

    internal long MaxCommandSamples => (long)((_opts.MaxCommandSeconds + 1) * AudioClip.PipelineRate);

    /// <summary>Sees every verdict with what it was decided on (the speech bench's per-clip dump).</summary>
    internal Action<GrammarVerdict>? Observer { get; set; }

    /// <summary>
    /// The verdict on one utterance (<see cref="RejectionRule"/>): a command the free loop fits about as well
    /// is rejected; one accepted is checked against its rivals on the check decoders and asked back when the
    /// audio does not fit it clearly better than the nearest one, or when it is within
    /// <see cref="SpeechOptions.ConfirmMargin"/> of the reject threshold, or, in noise, when its action or number
    /// lacks the evidence <see cref="SpeechOptions.NoisySnrDb"/> asks for. The log line says which.
    /// </summary>
    /// <param name="decoys">The decoys of the grammar <paramref name="decoded"/> came from.</param>
    /// <param name="names">The words that tell that grammar's devices apart.</param>
    /// <param name="coldFirstPass">
    /// Right after start-up, what the streamed pass heard before <paramref name="decoded"/> was decoded again: a command
    /// whose words at stake differ from it is asked back (<see cref="SpeechOptions.ConfirmWhenCold"/>).
    /// </param>
    internal Transcript Verdict(Hypothesis[] decoded, double speechSeconds, RoomLevels room, IReadOnlyCollection<string> decoys, NameWords names,
        Func<string, (Hypothesis Heard, Hypothesis Rival)?> check, string? coldFirstPass = null, bool answering = false)
    {
        var (cmd, free) = (decoded[0], decoded[1]);
        bool decoy = cmd.Text.Length > 0 && CommandGrammar.MentionsDecoy(cmd.Text, decoys);
        var facts = new VerdictFacts(cmd, free, speechSeconds, room.SnrDb, decoy, null) { RingMsPerDb = room.RingMsPerDb, EndsInNoise = room.EndsInNoise, Names = names, Answering = answering };
        var v = RejectionRule.Decide(facts, _opts);
        if (v.IsCommand && !double.IsNegativeInfinity(_opts.RivalMargin))
        {
            facts = facts with { Check = check(cmd.Text) };
            v = RejectionRule.Decide(facts, _opts);
        }
        if (v.IsCommand && !v.Unsure && coldFirstPass is not null && _opts.ConfirmWhenCold && !Replies.IsWhole(cmd.Text) && !Rivals.SameStakes(coldFirstPass, cmd.Text))
            v = v with { Unsure = true, AskedBecause = $"just started, and the first pass heard '{coldFirstPass}'" };
        Observer?.Invoke(new GrammarVerdict(facts, v) { Decoded = decoded });
        _log.LogDebug("grammar '{Text}' vs free '{Free}': margin {Margin:F1}/frame (threshold {Threshold:F1} at SNR {Snr:F0} dB, ringing {Ring:F0} ms/dB{InNoise}), rival '{Rival}' {Gap:F1}/frame behind (at most 1.5 s counted), {Seconds:F1} s of speech → {Verdict}",
            cmd.Text, free.Text, v.Margin, v.Threshold, room.SnrDb, room.RingMsPerDb, room.EndsInNoise ? ", the last word lost in the noise" : "", facts.Check?.Rival.Text, v.RivalGap, speechSeconds,
            !v.IsCommand ? "rejected" : v.Unsure ? $"command, asked back ({v.AskedBecause})" : "command");
        // A decoy ("the garage light") is heard as said, but it is no command: the intent stage
        // answers that it does not know that device, and auto mode may ask Whisper.
        return new Transcript(v.IsCommand || v.HeardDecoy ? cmd.Text : "", v.Confidence, RecognizerName, v.IsCommand)
        {
            Margin = v.Margin, Candidate = cmd.Text, UnsureBecause = v.AskedBecause,
        };
    }

    public void Dispose()
    {
        _onChange?.Dispose();
        _decoders.Dispose();
    }
}

/// <summary>What one verdict was decided on and what it was (the speech bench's per-clip dump).</summary>
internal sealed record GrammarVerdict(VerdictFacts Facts, RejectionRule.Outcome Outcome)
{
    /// <summary>Every streamed decoder's hypothesis, path score and frames, in the order of the decoders.</summary>
    public Hypothesis[] Decoded { get; init; } = [];
    public string Command => Facts.Command.Text;
    public string Free => Facts.Free.Text;
    public double Margin => Outcome.Margin;
    public double Threshold => Outcome.Threshold;
    public double SnrDb => Facts.SnrDb;
    public bool Decoy => Facts.Decoy;
    public double Seconds => Facts.Seconds;
}
