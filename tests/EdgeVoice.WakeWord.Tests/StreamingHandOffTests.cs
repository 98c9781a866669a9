using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.WakeWord.Training;

namespace EdgeVoice.WakeWord.Tests;

/// <summary>The front end streams each command to the recogniser while it is captured.</summary>
[Collection("streams")]
public class StreamingHandOffTests(StreamFixture f)
{
    sealed class Recorder : IStreamingSpeechToText
    {
        public readonly List<Stream> Streams = [];
        public string Name => "recorder";
        public Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default) => throw new NotSupportedException();
        public ISpeechStream Begin() { var s = new Stream(); Streams.Add(s); return s; }

        public sealed class Stream : ISpeechStream
        {
            public int Samples;
            public bool Disposed;
            public void Accept(ReadOnlySpan<float> samples) => Samples += samples.Length;
            public Task<Transcript> EndAsync(CancellationToken ct = default) => Task.FromResult(new Transcript("", 0, "recorder"));
            public void Dispose() => Disposed = true;
        }
    }

    static async Task<List<DetectedUtterance>> PushToTalkAt(VoiceFrontEnd fe, float[] x, int atFrame)
    {
        var utts = new List<DetectedUtterance>();
        int frame = 0;
        await foreach (var u in fe.RunAsync(new CallbackSource(new ArraySource(x), () => { if (++frame == atFrame) fe.PushToTalk(); }))) utts.Add(u);
        return utts;
    }

    [Fact]
    public async Task The_captured_command_goes_to_the_recogniser_as_it_arrives()
    {
        var cmd = AudioLevel.Set(f.Synth.Say("turn on the kitchen light"), -22);
        var x = new float[16000].Concat(cmd).Concat(new float[16000 * 2]).ToArray();
        var rec = new Recorder();
        using var fe = StreamFixture.FrontEnd();
        fe.Streaming = rec;
        var u = Assert.Single(await PushToTalkAt(fe, x, 10));
        var s = Assert.Single(rec.Streams);
        Assert.Same(s, u.Speech);
        Assert.False(s.Disposed); // the consumer ends it
        // Everything captured up to the endpoint: the command plus the silence tail.
        Assert.InRange(s.Samples, u.Command.Samples.Length, u.Command.Samples.Length + 16 * 1200);
    }

    [Fact]
    public async Task A_capture_without_speech_abandons_its_stream()
    {
        var rec = new Recorder();
        using var fe = StreamFixture.FrontEnd();
        fe.Streaming = rec;
        Assert.Empty(await PushToTalkAt(fe, new float[16000 * 8], 5));
        Assert.True(Assert.Single(rec.Streams).Disposed);
    }
}
