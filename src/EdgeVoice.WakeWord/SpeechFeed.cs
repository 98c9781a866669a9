using EdgeVoice.Core;

namespace EdgeVoice.WakeWord;

/// <summary>
/// What of a command the recogniser decodes: the audio up to the endpointer's end of speech and a short pad, as the
/// batch path's <see cref="CommandCapture.Audio"/>. Frames further on are held back; speech that resumes sends them
/// on, and at the end they go to the recogniser as trailing audio (<see cref="ISpeechStream.AcceptTrailing"/>), which
/// it reads the room in but does not decode. Decoded, a reverberant room's ringing after the last word became words
/// ("stop fan" heard as "start fan eight"; EXPERIMENTS.md in EdgeVoice.Speech, session 24).
/// </summary>
public sealed class SpeechFeed
{
    readonly List<float[]> _held = [];
    long _position;

    public void Start() { _held.Clear(); _position = 0; }

    /// <param name="frame">The next captured frame.</param>
    /// <param name="speechEndMs">The endpointer's end of speech so far, counted from the start of the capture, with this frame heard.</param>
    /// <param name="speech">The recogniser's stream (none: nothing to feed).</param>
    public void Add(ReadOnlySpan<float> frame, int speechEndMs, ISpeechStream? speech)
    {
        long start = _position;
        _position += frame.Length;
        if (speech is null) return;
        if (start >= (long)(speechEndMs + CommandCapture.PadMs) * AudioClip.PipelineRate / 1000)
        {
            _held.Add(frame.ToArray());
            return;
        }
        foreach (var h in _held) speech.Accept(h);
        _held.Clear();
        speech.Accept(frame);
    }

    /// <summary>The command is over: what was held back goes to the recogniser as trailing audio.</summary>
    public void End(ISpeechStream? speech)
    {
        if (speech is not null) foreach (var h in _held) speech.AcceptTrailing(h);
        _held.Clear();
    }
}
