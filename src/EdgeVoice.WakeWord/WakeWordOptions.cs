namespace EdgeVoice.WakeWord;

/// <summary>Section "WakeWord". See README.md in this folder.</summary>
public sealed class WakeWordOptions
{
    /// <summary>Folder holding openwakeword/*.onnx and silero_vad_v5.onnx; null uses the root ModelsDir.</summary>
    public string? ModelsDir { get; set; }
    /// <summary>Wake classifier under ModelsDir/openwakeword, or a .head file (our trained head alone, as <see cref="Head"/> with Scoring "head").</summary>
    public string Model { get; set; } = "hey_jarvis_v0.1.onnx";
    /// <summary>
    /// Our trained head (edgevoice wake-train) relative to ModelsDir. Empty: wake/&lt;phrase&gt;.head when it
    /// exists, else the pre-trained model alone (logged). "none": never. Named but missing or corrupt: start-up fails.
    /// </summary>
    public string Head { get; set; } = "";
    /// <summary>
    /// With a head: the score compared with HeadThreshold: "head" alone (the pre-trained classifier is then not run),
    /// or the "mean" or "min" of the pre-trained model's and the head's; "pretrained" ignores the head (as Head "none").
    /// </summary>
    public string Scoring { get; set; } = "head";
    /// <summary>With a head: a frame whose score reaches this is a wake word (Threshold and the verifier settings are for the pre-trained model alone).</summary>
    public double HeadThreshold { get; set; } = 0.8;
    /// <summary>With a head: also check candidates with the verifier (CandidateThreshold etc. then apply to the head's score). Off: it measured worse than the head alone (EXPERIMENTS.md).</summary>
    public bool HeadVerifier { get; set; }
    /// <summary>Phrase reported in WakeDetected (the model decides what it hears).</summary>
    public string Phrase { get; set; } = "hey jarvis";
    /// <summary>With Verifier none: score 0..1 a frame must reach to count as the wake word; lower = more sensitive.</summary>
    public double Threshold { get; set; } = 0.5;
    /// <summary>Second stage that checks each candidate in the recent audio: "pocketsphinx" (keyphrase search) or "none".</summary>
    public string Verifier { get; set; } = "pocketsphinx";
    /// <summary>With a verifier: the openWakeWord score that makes a candidate; the verifier then follows the audio.</summary>
    public double CandidateThreshold { get; set; } = 0.1;
    /// <summary>
    /// With a verifier: the verifier score that accepts a candidate at the candidate threshold (pocketsphinx:
    /// the phrase against a free phone loop, log10 likelihood ratio per second of phrase).
    /// </summary>
    public double VerifierThreshold { get; set; } = -10;
    /// <summary>
    /// The verifier threshold drops by this much per unit of openWakeWord score above the candidate threshold:
    /// a candidate openWakeWord is sure of needs less from the verifier. 0 = the same threshold for every candidate.
    /// </summary>
    public double VerifierSlope { get; set; } = 100;
    /// <summary>Audio before the candidate frame the verifier sees (in memory only).</summary>
    public int VerifierWindowMs { get; set; } = 1600;
    /// <summary>Ignore new wake detections this long after one (the score stays high for a few frames).</summary>
    public int RefractoryMs { get; set; } = 1500;
    /// <summary>Silero speech probability counted as speech.</summary>
    public double VadThreshold { get; set; } = 0.5;
    /// <summary>Silence after speech that ends the command.</summary>
    public int SilenceTailMs { get; set; } = 700;
    /// <summary>Hard cap on a command's length.</summary>
    public int MaxUtteranceMs { get; set; } = 10000;
    /// <summary>Commands with less speech than this are dropped (a cough, a click).</summary>
    public int MinSpeechMs { get; set; } = 200;
    /// <summary>Give up when no speech starts this long after the wake word.</summary>
    public int NoSpeechTimeoutMs { get; set; } = 4000;
    /// <summary>
    /// After a reply that asks a question, listen for the answer without the wake word (each window as long
    /// as NoSpeechTimeoutMs), at most this many times in a row; 0: every answer needs the wake word.
    /// </summary>
    public int FollowUps { get; set; } = 2;
    /// <summary>Decode commands while they are spoken when the recogniser can (the grammar recogniser can).</summary>
    public bool StreamCommands { get; set; } = true;
    /// <summary>Write each command's audio to CommandAudioDir (audio before the wake word is never written).</summary>
    public bool KeepCommandAudio { get; set; }
    public string CommandAudioDir { get; set; } = "commands";

    public const string NoVerifier = "none";

    /// <summary>The model is one of our .head files (no pre-trained classifier).</summary>
    public bool ModelIsHead => Model.EndsWith(".head", StringComparison.OrdinalIgnoreCase);

    public bool HasVerifier => !string.Equals(Verifier, NoVerifier, StringComparison.OrdinalIgnoreCase);

    /// <summary>Problems with the values, one line each (empty when valid).</summary>
    public IEnumerable<string> Problems()
    {
        static bool Unit(double x) => x > 0 && x <= 1;
        if (!Unit(Threshold)) yield return $"WakeWord:Threshold {Threshold} is not in (0, 1]";
        if (!Unit(HeadThreshold)) yield return $"WakeWord:HeadThreshold {HeadThreshold} is not in (0, 1]";
        if (Scoring is not ("head" or "pretrained" or "mean" or "min")) yield return $"WakeWord:Scoring '{Scoring}' is not head, pretrained, mean or min";
        if (FollowUps < 0) yield return $"WakeWord:FollowUps {FollowUps} must be 0 or more";
        if (string.IsNullOrWhiteSpace(Verifier)) yield return "WakeWord:Verifier is empty (pocketsphinx or none)";
        if (!HasVerifier) yield break;
        if (!Unit(CandidateThreshold)) yield return $"WakeWord:CandidateThreshold {CandidateThreshold} is not in (0, 1]";
        if (!(VerifierSlope >= 0)) yield return $"WakeWord:VerifierSlope {VerifierSlope} must be 0 or more";
        if (VerifierWindowMs < 800 || VerifierWindowMs > 4000 || VerifierWindowMs % 80 != 0)
            yield return $"WakeWord:VerifierWindowMs {VerifierWindowMs} must be a multiple of 80 between 800 and 4000";
        if (double.IsNaN(VerifierThreshold)) yield return "WakeWord:VerifierThreshold is not a number";
    }

    /// <summary>The settings the gate uses when a head scores: HeadThreshold as the threshold, the verifier only with HeadVerifier.</summary>
    public WakeWordOptions ForHead()
    {
        var o = (WakeWordOptions)MemberwiseClone();
        if (!HeadVerifier) { o.Threshold = HeadThreshold; o.Verifier = NoVerifier; }
        return o;
    }

    /// <summary>Throws listing every problem.</summary>
    public void Validate()
    {
        var p = Problems().ToList();
        if (p.Count > 0) throw new InvalidOperationException("invalid wake word configuration: " + string.Join("; ", p));
    }
}
