using EdgeVoice.Core;
using EdgeVoice.WakeWord;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Host.Pipeline;

/// <summary>
/// After a reply that asks a question ("Did you say: …? Say yes or no."), listens for the answer without
/// the wake word. At most WakeWord:FollowUps windows in a row, so a television that keeps the question
/// open ("Sorry, was that a yes or a no?") cannot keep the microphone open with it.
/// </summary>
public sealed class FollowUps(IDialogState dialog, IOptions<WakeWordOptions> options)
{
    int _inRow;

    /// <summary>
    /// The window opens this long after the reply ends: the speaker's last sound and the room's echo
    /// would otherwise start the capture, and end it as too short before the answer begins.
    /// </summary>
    public const int EchoGuardMs = 240;

    /// <summary>Called after each command has been answered: true when the next one needs no wake word (<see cref="VoiceFrontEnd.ListenForAnswer"/>).</summary>
    public bool ListenForAnswer(string trigger, bool muted)
    {
        if (trigger != VoiceFrontEnd.FollowUp) _inRow = 0;
        if (muted || !dialog.ExpectsAnswer || _inRow >= options.Value.FollowUps) return false;
        _inRow++;
        return true;
    }

    /// <summary>
    /// Opens the answer window when due, <see cref="EchoGuardMs"/> after the reply: on a live microphone
    /// the reply has just been played; in a lockstep run it would end at speech end + reply length. True when it did.
    /// </summary>
    public bool After(DetectedUtterance u, UtteranceReport report, VoiceFrontEnd frontEnd, bool muted, bool lockstep)
    {
        if (!ListenForAnswer(u.Trigger, muted)) return false;
        frontEnd.ListenForAnswer((lockstep ? u.SpeechEndMs + report.ReplyMs : frontEnd.StreamMs) + EchoGuardMs);
        return true;
    }
}
