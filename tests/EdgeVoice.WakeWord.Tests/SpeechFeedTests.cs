using EdgeVoice.Core;

namespace EdgeVoice.WakeWord.Tests;

/// <summary>The recogniser decodes a command up to the endpointer's end of speech and its pad; the rest is trailing audio.</summary>
public sealed class SpeechFeedTests
{
    sealed class Recorder : ISpeechStream
    {
        public readonly List<(string Kind, float First)> Calls = [];
        public void Accept(ReadOnlySpan<float> samples) => Calls.Add(("accept", samples[0]));
        public void AcceptTrailing(ReadOnlySpan<float> samples) => Calls.Add(("trailing", samples[0]));
        public Task<Transcript> EndAsync(CancellationToken ct = default) => throw new NotSupportedException();
        public void Dispose() { }
    }

    // 80 ms frames, each marked by its number.
    static float[] Frame(int n) => Enumerable.Repeat((float)n, 1280).ToArray();

    [Fact]
    public void Frames_past_the_end_of_speech_and_its_pad_are_held_and_end_as_trailing_audio()
    {
        var feed = new SpeechFeed();
        var r = new Recorder();
        feed.Start();
        // Speech ends at 400 ms: with the 200 ms pad, frames starting before 600 ms (0–7) are decoded.
        for (int n = 0; n < 12; n++) feed.Add(Frame(n), n < 5 ? (n + 1) * 80 : 400, r);
        feed.End(r);
        Assert.Equal([.. Enumerable.Range(0, 8).Select(n => ("accept", (float)n)), .. Enumerable.Range(8, 4).Select(n => ("trailing", (float)n))], r.Calls);
    }

    [Fact]
    public void Speech_that_resumes_sends_the_held_frames_first_in_order()
    {
        var feed = new SpeechFeed();
        var r = new Recorder();
        feed.Start();
        // A long pause after 160 ms of speech: frames 5–7 are held, then speech resumes at frame 8 (the endpointer's end moves to 720 ms).
        int[] ends = [80, 160, 160, 160, 160, 160, 160, 160, 720, 720];
        for (int n = 0; n < ends.Length; n++) feed.Add(Frame(n), ends[n], r);
        feed.End(r);
        Assert.Equal(Enumerable.Range(0, 10).Select(n => ("accept", (float)n)), r.Calls);
    }

    [Fact]
    public void Nothing_is_fed_without_a_stream_and_a_new_command_starts_empty()
    {
        var feed = new SpeechFeed();
        feed.Start();
        for (int n = 0; n < 12; n++) feed.Add(Frame(n), 80, null);
        feed.End(null);
        var r = new Recorder();
        feed.Start();
        feed.Add(Frame(0), 80, r);
        feed.End(r);
        Assert.Equal([("accept", 0f)], r.Calls);
    }
}
