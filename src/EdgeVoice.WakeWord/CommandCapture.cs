namespace EdgeVoice.WakeWord;

/// <summary>
/// End-of-utterance detection after a wake word: collects audio, asks Silero per 32 ms whether it is
/// speech, and decides when the command is over (silence tail after speech, max length, or no speech).
/// </summary>
public sealed class CommandCapture(SileroVad vad, WakeWordOptions o)
{
    const int ChunkMs = SileroVad.FrameSamples * 1000 / 16000; // 32
    readonly List<float> _audio = [];
    int _vadDone, _speechChunks, _lastSpeechChunk = -1, _silenceChunks;

    public enum State { Listening, Done, NoSpeech }

    public State Status { get; private set; }
    public int SpeechMs => _speechChunks * ChunkMs;
    /// <summary>Milliseconds from capture start to the end of the last speech chunk.</summary>
    public int SpeechEndMs => (_lastSpeechChunk + 1) * ChunkMs;
    public string EndReason { get; private set; } = "silence";

    public void Start() { vad.Reset(); _audio.Clear(); _vadDone = 0; _speechChunks = 0; _lastSpeechChunk = -1; _silenceChunks = 0; Status = State.Listening; }

    public void Add(ReadOnlySpan<float> frame)
    {
        if (Status != State.Listening) return;
        foreach (var s in frame) _audio.Add(s);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_audio);
        while (Status == State.Listening && _vadDone + SileroVad.FrameSamples <= span.Length)
        {
            int chunk = _vadDone / SileroVad.FrameSamples;
            bool speech = vad.Process(span.Slice(_vadDone, SileroVad.FrameSamples)) >= o.VadThreshold;
            _vadDone += SileroVad.FrameSamples;
            if (speech) { _speechChunks++; _lastSpeechChunk = chunk; _silenceChunks = 0; }
            else _silenceChunks++;
            int elapsed = (chunk + 1) * ChunkMs;
            if (_speechChunks > 0 && _silenceChunks * ChunkMs >= o.SilenceTailMs) Status = State.Done;
            else if (elapsed >= o.MaxUtteranceMs) { Status = _speechChunks > 0 ? State.Done : State.NoSpeech; EndReason = "max-length"; }
            else if (_speechChunks == 0 && elapsed >= o.NoSpeechTimeoutMs) Status = State.NoSpeech;
            if (Status == State.Done && EndReason != "max-length") EndReason = "silence";
        }
    }

    /// <summary>Stream ended mid-command: keep what was said.</summary>
    public void Finish() { if (Status == State.Listening) { Status = _speechChunks > 0 ? State.Done : State.NoSpeech; EndReason = "end-of-stream"; } }

    /// <summary>Audio kept after the end of speech, so the last consonant survives.</summary>
    public const int PadMs = 200;

    /// <summary>Command audio up to the end of speech plus <see cref="PadMs"/>.</summary>
    public float[] Audio()
    {
        int end = Math.Min(_audio.Count, (SpeechEndMs + PadMs) * 16);
        return _audio.GetRange(0, end).ToArray();
    }
}
