namespace EdgeVoice.Speech;

public sealed class SpeechOptions
{
    /// <summary>auto: grammar first, Whisper when the grammar rejects and its model exists; commands; open.</summary>
    public string Mode { get; set; } = "auto";
    /// <summary>
    /// Where the command grammar's sentences come from: commands (CommandSentences, the rule tier's), ondevice (those and
    /// the templates of the intents answered on the device: time, timers, ...), templates (Home Assistant's sentence
    /// templates for the configured devices, the template tier's) or both. commands by default: the others acted right
    /// less often on the voice families (README, "Grammar source").
    /// </summary>
    public string GrammarSource { get; set; } = "commands";
    public string AcousticModel { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us";
    public string Dictionary { get; set; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";
    /// <summary>
    /// Where the cepstral mean the decoders learned of this microphone, room and voice is kept across restarts (13
    /// numbers, one line): the streamed decoders start from it instead of the acoustic model's prior (still decoded
    /// twice and compared until 5 s of speech, <see cref="ConfirmWhenCold"/>). Written once they have heard 5 s of
    /// speech, then at most every 10 minutes and at shutdown. Empty (the default): not kept, every start is cold.
    /// Measured on five voice families, not yet on by default (EXPERIMENTS.md, session 30).
    /// </summary>
    public string CepstralMeanFile { get; set; } = "";
    /// <summary>pocketsphinx's own log; "/dev/null" keeps it out of the journal.</summary>
    public string PocketSphinxLog { get; set; } = "/dev/null";
    /// <summary>
    /// Out-of-grammar rejection: how much better (path score per 10 ms frame) the command grammar must
    /// fit than a free word loop over the same audio. Tuned on espeak-ng voices and real speech samples.
    /// </summary>
    public double RejectMargin { get; set; } = -1;
    /// <summary>
    /// In noise both searches fit worse and real commands' margins drop, while out-of-grammar speech
    /// stays far below: the threshold is lowered by this much per dB of SNR under <see cref="CleanSnrDb"/>,
    /// down to <see cref="LowestRejectMargin"/>. A one-word answer to a question is not sure under the quiet
    /// threshold's band: a syllable of chatter fits it as well as the free loop does (EXPERIMENTS.md, session 38).
    /// </summary>
    public double NoiseRelaxPerDb { get; set; } = 0.8;
    // 25 / -8 with -topn 8 in the command search: the bench's 10 dB commands reached margins of −6 to −8
    // while its noisy chatter stayed under −10 (the hard negative "switch to channel four" aside, which is
    // as close in clean audio). -topn 16 raised chatter's margins by about 1 per frame, and both thresholds
    // by 1 with it (RejectMargin −2 → −1).
    public double CleanSnrDb { get; set; } = 25;
    public double LowestRejectMargin { get; set; } = -7;
    /// <summary>
    /// Commands accepted by less than this (per frame) above the reject threshold are re-heard by Whisper
    /// in auto mode when its model is installed; Whisper's transcript wins unless it is the same command.
    /// On the bench and held-out set every false command was under 2 above the threshold, against 2 % of real
    /// commands; on a third set only 1 of 4 was (Speech README): a confident mishearing is not caught.
    /// 0 turns confirmation off.
    /// </summary>
    public double ConfirmMargin { get; set; } = 2;

    /// <summary>
    /// How far above the threshold a command must be when the free loop, which has every command word, did not hear its
    /// action ("on", "start", "pause", a unit): the two decoders disagree on what to do. Below it the command is asked back
    /// at any SNR. Real voices saying no command were executed at 1.7 and 2.6 above the free loop, the action unheard
    /// (EXPERIMENTS.md, session 33). While a confirmation question is open, any margin (session 37). 0 turns both off.
    /// </summary>
    public double UnheardActionConfirmMargin { get; set; } = 4;
    /// <summary>
    /// An accepted command is decoded again on the check decoders (their own, per-utterance normalisation) among
    /// its rivals: the opposite action, every other number, every other name or area, each slip but a number's also
    /// said in the other word orders of its sentences. When the heard sentence fits less than this much better (path
    /// score per frame, counting at most 1.5 s of the utterance) than the nearest rival, or a rival fits best,
    /// the command is asked back instead of executed. Fitted on the espeak-ng, flite and Piper families and two
    /// reverberant festival and flite sets, judged on four held-out ones (EXPERIMENTS.md, session 26; at most 1.5 s
    /// counted since session 31). -Infinity: no check (no extra passes at the end of speech).
    /// </summary>
    public double RivalMargin { get; set; } = 1;
    /// <summary>
    /// Until the decoders have heard about 5 s of speech after start-up, each utterance is decoded twice (live
    /// normalisation still leans on the acoustic model's prior), and a command whose action words or numbers the two
    /// passes heard differently is asked back. Cold, the second pass alone executed espeak-ng's "start living room fan"
    /// as "stop" (EXPERIMENTS.md, sessions 29 and 30). false: the second pass alone decides.
    /// </summary>
    public bool ConfirmWhenCold { get; set; } = true;
    /// <summary>
    /// Below this SNR (LiveTrim's estimate, dB) a command whose action has an opposite (on/off, open/close, start/stop,
    /// lock/unlock, a unit) or that carries a number needs more evidence: those words must also be in the free loop's
    /// transcript, and <see cref="RivalMargin"/> rises by <see cref="NoisyRivalMarginPerDb"/> per dB under it; otherwise it
    /// is asked back. Fitted on the flite family (rooms with reverberation and noise: 19 wrong actions → 0), checked on
    /// espeak-ng and Piper (EXPERIMENTS.md, session 14). Also asked back below it: a command whose device the free loop
    /// heard another name for and none of its own telling words (session 25). Clean speech reads 50–105 dB and is not
    /// affected; 0 turns this off.
    /// </summary>
    public double NoisySnrDb { get; set; } = 45;
    /// <summary>
    /// How much <see cref="RivalMargin"/> rises per dB of SNR under <see cref="NoisySnrDb"/> (per frame). Less would execute
    /// more right commands at once in moderate noise (0.15: 4 more of Piper's 67, 49 more on the fit sets, none wrong),
    /// but a held-out "on" heard as "off" at 27 dB, every other signal agreeing, is 4.7 per frame ahead of its nearest
    /// rival and needs at least 0.21 (EXPERIMENTS.md, session 40).
    /// </summary>
    public double NoisyRivalMarginPerDb { get; set; } = 0.25;
    /// <summary>
    /// Below this SNR a heard "off" is always asked back: in loud noise the reverberation or noise after a final
    /// "on" is the F of "off" to the model, with the check decoder and the free loop agreeing (flite in reverb and
    /// white noise). 0 turns this off.
    /// </summary>
    public double OffSnrDb { get; set; } = 21;
    /// <summary>
    /// A heard "off" is asked back when the sound dies away after the last word more slowly than this, in ms per dB
    /// (RoomLevels.RingMsPerDb): in a reverberant room the model hears the ringing after "on" as the F of "off", at any
    /// SNR (a fresh festival voice in reverb 30 at 26 dB: 5 "on"s executed as "off"). Fitted on the flite family (its
    /// dry voice 1–7, its rooms' tenth percentile 8.9); EXPERIMENTS.md, session 22. Also asked back: a heard "off" whose
    /// last word ended too near the noise for any decay to be read (RoomLevels.EndsInNoise; session 23), and any action or
    /// number when the sound had not died away by the time the endpointer ended the command (ring +∞; session 24), and a
    /// heard "start" in the same rooms as "off" (a ringing room makes "stop" sound like "start"; session 25).
    /// 0 turns all four off.
    /// </summary>
    public double OffRingMsPerDb { get; set; } = 8;
    /// <summary>Audio longer than this is not a spoken command (a conversation, the radio).</summary>
    public double MaxCommandSeconds { get; set; } = 6;
    /// <summary>Whisper model file; relative paths are under ModelsDir.</summary>
    public string WhisperModel { get; set; } = "ggml-base.en-q5_1.bin";
    public int WhisperThreads { get; set; } = 2;
    /// <summary>
    /// Tokens Whisper may write per segment: a spoken command is a dozen, and a model that loops on noise
    /// (or a random-weight test model) stops here instead of writing the 224 a segment allows.
    /// </summary>
    public int WhisperMaxTokens { get; set; } = 48;
    /// <summary>
    /// Re-decode at higher temperatures when a segment's log-probability is low (whisper.cpp's fallback).
    /// Each retry costs a whole decode; the bench turns it off on random weights, which always fail it.
    /// </summary>
    public bool WhisperTemperatureFallback { get; set; } = true;
    /// <summary>
    /// auto: whisper.cpp's encoder sees only as much of its 30 s window as the clip fills (50 positions a second,
    /// with a margin, <see cref="WhisperRecognizer.AudioContextFor"/>), several times faster on a command; full: the
    /// whole window, as the model was trained. Trained models can lose some accuracy with the shorter window
    /// (README, "Whisper's audio context").
    /// </summary>
    public string WhisperAudioContext { get; set; } = "auto";
    /// <summary>Load a file named *-random-* (a shape-equivalent test model). Tests and the bench only.</summary>
    public bool AllowRandomWeights { get; set; }
    /// <summary>espeak-ng executable (TTS, and pronunciations of words the dictionary lacks).</summary>
    public string EspeakPath { get; set; } = "espeak-ng";
    public string TtsVoice { get; set; } = "en-us";
    public int TtsWordsPerMinute { get; set; } = 165;
}
