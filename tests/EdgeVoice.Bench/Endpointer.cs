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
    /// The clip with <see cref="TailSeconds"/> more of what its last 200 ms sound like, mirrored back and forth so
    /// there is no click: a recording's steady floor, or a synthesizer's silence.
    /// </summary>
    public static AudioClip WithTail(AudioClip clip)
    {
        var s = clip.Samples;
        int m = Math.Min(MirrorSamples, s.Length), tail = (int)(TailSeconds * AudioClip.PipelineRate);
        var x = new float[s.Length + tail];
        s.CopyTo(x, 0);
        for (int i = 0; i < tail && m > 0; i++)
        {
            int k = i % (2 * m);
            x[s.Length + i] = s[k < m ? s.Length - 1 - k : s.Length - m + (k - m)];
        }
        return new AudioClip(x);
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
