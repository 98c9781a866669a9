using EdgeVoice.Core;
using EdgeVoice.Host.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeVoice.Host.Tests;

/// <summary>The spoken reply says what happened at the devices, not only what was understood.</summary>
public sealed class PublishOutcomeTests
{
    sealed class Heard : ISpeechToText
    {
        public string Name => "test";
        public Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default) => Task.FromResult(new Transcript("turn on the garden light", 1, Name));
    }

    sealed class Understood : IIntentRecognizer
    {
        public Task<IntentResult> RecognizeAsync(string text, CancellationToken ct = default) =>
            Task.FromResult(new IntentResult([new Intent(IntentNames.TurnOn, "garden_light", Intent.NoSlots)], "Turning on the garden light.", "rules"));
    }

    sealed class Publisher(PublishOutcome outcome) : IIntentPublisher
    {
        public string? Transcript { get; private set; }
        public Task<PublishOutcome> PublishAsync(Intent intent, string? transcript, CancellationToken ct = default)
        {
            Transcript = transcript;
            return Task.FromResult(outcome);
        }
    }

    sealed class Silent : ITextToSpeech, IAudioOutput
    {
        public Task<AudioClip> SynthesizeAsync(string text, CancellationToken ct = default) => Task.FromResult(new AudioClip(new float[160]));
        public Task<string?> PlayAsync(AudioClip clip, string utteranceId, CancellationToken ct = default) => Task.FromResult<string?>(null);
        public void Stop() { }
    }

    static async Task<(UtteranceReport Report, Publisher Publisher)> Run(PublishOutcome outcome)
    {
        var publisher = new Publisher(outcome);
        var silent = new Silent();
        var pipeline = new VoicePipeline(new Heard(), new Understood(), publisher, silent, silent, new EventBus(), NullLogger<VoicePipeline>.Instance);
        return (await pipeline.ProcessAsync(new AudioClip(new float[16000]), "t"), publisher);
    }

    static readonly PublishedMessage Command = new("home/garden/light/set", "ON");

    [Fact]
    public async Task A_sent_command_keeps_the_reply_and_the_transcript_goes_with_the_call()
    {
        var (r, publisher) = await Run(new(PublishStatus.Sent, [Command]));
        Assert.Equal("Turning on the garden light.", r.Reply);
        Assert.Null(r.Error);
        Assert.Single(r.Published);
        Assert.Equal("turn on the garden light", publisher.Transcript);
    }

    [Theory]
    [InlineData(PublishStatus.Queued, "I can't reach the devices right now. I'll send it when the connection is back.")]
    [InlineData(PublishStatus.Refused, "Sorry, that device is not set up for this.")]
    [InlineData(PublishStatus.Failed, "Sorry, I could not reach the devices.")]
    public async Task A_command_not_sent_is_not_announced_as_done(PublishStatus status, string reply)
    {
        var (r, _) = await Run(new(status, status == PublishStatus.Queued ? [Command] : [], "what went wrong"));
        Assert.Equal(reply, r.Reply);
        Assert.Equal("what went wrong", r.Error);
        Assert.Empty(r.Published);
    }
}
