using EdgeVoice.Bench;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Testing;

namespace EdgeVoice.Speech.Tests;

/// <summary>
/// A heard "off" in a room that rings on after the last word is asked back (session 22: a fresh festival voice in
/// reverberation had five "on"s executed as "off" above every SNR rule). Real espeak-ng audio through sox's reverb.
/// </summary>
public sealed class RingingRoomTests
{
    static async Task<AudioClip> InRoom(string text, int reverb)
    {
        var dir = Repo.TempDir("room");
        var dry = await Espeak.SayAsync(text, dir);
        var wet = Path.Combine(dir, "room.wav");
        string[] effects = reverb > 0 ? ["pad", "0", "0.5", "reverb", reverb.ToString()] : ["pad", "0", "0.5"];
        var r = await Proc.RunAsync(Repo.RequireTool("sox"), ["-D", dry, "-r", "16000", "-c", "1", "-b", "16", wet, .. effects]);
        Assert.True(r.ExitCode == 0, $"sox failed: {r.StdErr}");
        return AudioConvert.Load(wet);
    }

    [Fact]
    public async Task An_off_heard_in_a_ringing_room_is_asked_back_and_in_a_dry_one_is_not()
    {
        // The rival check is off, so that the ringing rule alone is judged: since session 27 the check asks this clip back
        // too (its nearest rival 2.4 per frame behind, under the 5.9 its SNR needs).
        using var g = SpeechFixtures.Grammar(Profiles.Home, new SpeechOptions { RivalMargin = double.NegativeInfinity });
        var dry = await g.TranscribeAsync(await InRoom("turn off the kettle", 0));
        Assert.True(dry.IsCommand && dry.Text == "turn off the kettle", $"dry: heard '{dry.Text}'");
        Assert.DoesNotContain("rang on", dry.UnsureBecause ?? "");
        var wet = await g.TranscribeAsync(await InRoom("turn off the kettle", 70));
        Assert.True(wet.IsCommand && wet.Text.Contains("off"), $"reverb: heard '{wet.Text}'");
        Assert.True(wet.Unsure, "an 'off' in a ringing room was executed");
        Assert.Contains("rang on", wet.UnsureBecause);
    }

    [Fact]
    public async Task A_stop_heard_as_start_in_a_ringing_room_is_not_executed()
    {
        // The ringing fills the silence before "stop"'s p, so the vowel sounds as long as "start"'s: flite's slt in reverb 70
        // said "stop the fan" and it was executed as "start the fan", every signal agreeing (session 24's flite70 set). The
        // clips are that set's, in its order, up to that one: live normalisation learns the room from those before it.
        var home = Profiles.Home;
        var templates = Profiles.Templates("home");
        var all = SampleSentences.Generate(home.Devices, seed: 7, templates: templates);
        var said = all.Take(all.ToList().IndexOf("stop the fan") + 1).ToList();
        Assert.Equal("stop the fan", said[^1]);
        var clips = await VoiceFamilies.SynthesizedAsync("flite", "slt", said, reverb: 70, snrDb: null, pink: false);
        var w = new StringWriter();
        var row = await VoiceFamilies.ScoreAsync("slt reverb 70", home, [.. VoiceFamilies.RealChatter(), .. clips], w, templates: templates);
        Assert.True(row.WrongActions == 0, w.ToString());
    }
}
