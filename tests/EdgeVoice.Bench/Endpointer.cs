using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Testing;
using EdgeVoice.WakeWord;

namespace EdgeVoice.Bench;

/// <summary>
/// How a device ends a command. VoiceFrontEnd feeds the recogniser every frame until the endpointer (Silero in
/// <see cref="CommandCapture"/>) has heard WakeWord:SilenceTailMs of silence after speech, so the recogniser's room
/// levels (noise floor, ring, last word in the noise) see that much of the room after the last word, and its decoders
/// what <see cref="SpeechFeed"/> passes on. The bench's clips carry the room on after the words (<see cref="TailSeconds"/>)
/// and are streamed only as far as the endpointer would let them run.
/// </summary>
public static class Endpointer
{
    /// <summary>The room after the words each clip carries: the 700 ms silence tail and a ringing room's decay.</summary>
    public const double TailSeconds = 1.5;

    const int MirrorSamples = 200 * AudioClip.PipelineRate / 1000;
    static readonly Lock Gate = new();
    static readonly WakeWordOptions Options = new();
    static CommandCapture? _capture;

    /// <summary>
    /// The clip with <see cref="TailSeconds"/> more of its floor, mirrored back and forth so there is no click: a recording's
    /// steady floor, or a synthesizer's silence. That is the clip's last 200 ms unless they stand over <see cref="FloorDb"/>
    /// above its quietest 20 ms, which are then the floor: a studio prompt cut close to its last word would otherwise go on
    /// as that word's end repeated, a train of clicks no room makes, and the decoder heard words in it (session 32).
    /// </summary>
    public static AudioClip WithTail(AudioClip clip)
    {
        var s = clip.Samples;
        int m = Math.Min(MirrorSamples, s.Length), tail = (int)(TailSeconds * AudioClip.PipelineRate), from = s.Length - m;
        if (s.Length >= FrameSamples && Quietest(s) is var (at, db) && AudioLevel.Db(s.AsSpan(from, m)) > db + FloorDb) (m, from) = (FrameSamples, at);
        var x = new float[s.Length + tail];
        s.CopyTo(x, 0);
        for (int i = 0; i < tail && m > 0; i++)
        {
            int k = i % (2 * m);
            x[s.Length + i] = s[from + (k < m ? m - 1 - k : k - m)];
        }
        return new AudioClip(x);
    }

    /// <summary>
    /// How far over the clip's quietest 20 ms its last 200 ms may stand and still be its floor. A steady floor's 20 ms frames
    /// differ by a few dB: Piper's last 200 ms stand 1.5–4.2 dB over their quietest frame.
    /// </summary>
    const double FloorDb = 6;

    const int FrameSamples = AudioClip.PipelineRate / 50;

    /// <summary>The quietest 20 ms frame: where it starts and its level.</summary>
    static (int At, double Db) Quietest(float[] s)
    {
        var best = (At: s.Length - FrameSamples, Db: double.PositiveInfinity);
        for (int at = 0; at + FrameSamples <= s.Length; at += FrameSamples)
            if (AudioLevel.Db(s.AsSpan(at, FrameSamples)) is var d && d < best.Db) best = (at, d);
        return best;
    }

    /// <summary>
    /// The endpointer's end of speech after each frame of <paramref name="frame"/> samples a device would capture (up to
    /// the frame on which the endpointer ends the command, or all of the clip), and whether it would drop the command
    /// instead (no speech, or less than WakeWord:MinSpeechMs of it).
    /// </summary>
    public static (int[] SpeechEndMs, bool Dropped) Run(AudioClip clip, int frame)
    {
        lock (Gate)
        {
            _capture ??= new CommandCapture(new SileroVad(Repo.RequiredModel("silero_vad_v5.onnx")), Options);
            _capture.Start();
            var ends = new List<int>();
            for (int at = 0; at < clip.Samples.Length && _capture.Status == CommandCapture.State.Listening; at += frame)
            {
                _capture.Add(clip.Samples.AsSpan(at, Math.Min(frame, clip.Samples.Length - at)));
                ends.Add(_capture.SpeechEndMs);
            }
            _capture.Finish();
            return ([.. ends], _capture.Status == CommandCapture.State.NoSpeech || _capture.SpeechMs < Options.MinSpeechMs);
        }
    }
}
