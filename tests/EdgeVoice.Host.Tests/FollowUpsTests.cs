using EdgeVoice.Core;
using EdgeVoice.Host.Pipeline;
using EdgeVoice.WakeWord;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Host.Tests;

public sealed class FollowUpsTests
{
    sealed class Dialog : IDialogState { public bool ExpectsAnswer { get; set; } }

    static FollowUps Make(Dialog d, int max = 2) => new(d, Options.Create(new WakeWordOptions { FollowUps = max }));

    [Fact]
    public void Listens_only_while_a_question_is_open()
    {
        var d = new Dialog();
        var f = Make(d);
        Assert.False(f.ListenForAnswer("wake", muted: false));
        d.ExpectsAnswer = true;
        Assert.True(f.ListenForAnswer("wake", muted: false));
        Assert.False(f.ListenForAnswer("button", muted: true));
    }

    [Fact]
    public void A_question_left_open_by_chatter_stops_being_listened_for_after_the_limit()
    {
        var d = new Dialog { ExpectsAnswer = true };
        var f = Make(d);
        Assert.True(f.ListenForAnswer("wake", muted: false));
        Assert.True(f.ListenForAnswer(VoiceFrontEnd.FollowUp, muted: false));
        Assert.False(f.ListenForAnswer(VoiceFrontEnd.FollowUp, muted: false));
        // The wake word starts a new exchange.
        Assert.True(f.ListenForAnswer("wake", muted: false));
        Assert.False(Make(d, max: 0).ListenForAnswer("wake", muted: false));
    }
}
