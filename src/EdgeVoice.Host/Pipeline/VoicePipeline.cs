using System.Diagnostics;
using EdgeVoice.Core;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host.Pipeline;

/// <summary>
/// One utterance through the stages: speech-to-text → intents → MQTT → spoken reply.
/// A failing stage is reported in the result and logged; it never throws past this class, so the
/// service and the next utterance keep running.
/// </summary>
public sealed class VoicePipeline(
    ISpeechToText stt,
    IIntentRecognizer intents,
    IIntentPublisher publisher,
    ITextToSpeech tts,
    IAudioOutput output,
    IEventBus bus,
    ILogger<VoicePipeline> log)
{
    /// <param name="streamed">The same command already streamed to the recogniser while spoken, if the
    /// front end did; it is ended here (or disposed on failure).</param>
    public async Task<UtteranceReport> ProcessAsync(AudioClip audio, string utteranceId, CancellationToken ct = default, ISpeechStream? streamed = null)
    {
        using var _ = streamed;
        var report = new UtteranceReport { File = utteranceId };
        var total = Stopwatch.StartNew();
        try
        {
            bus.Publish(new StateChanged(AssistantState.Thinking));
            var transcript = await Timed(() => streamed?.EndAsync(ct) ?? stt.TranscribeAsync(audio, ct), ms => report.TimingsMs.Stt = ms);
            report.Transcript = transcript.Text;
            report.Recognizer = transcript.Recognizer;
            bus.Publish(new TranscriptReady(transcript));
            // Why a command will be asked back, on the line a maintainer reads over SSH.
            log.LogInformation("{Id}: heard \"{Text}\" ({Recognizer}, confidence {Confidence:F2}, command={IsCommand}{Unsure})",
                utteranceId, transcript.Text, transcript.Recognizer, transcript.Confidence, transcript.IsCommand,
                transcript.UnsureBecause is { } why ? $", not sure: {why}" : "");

            var result = await Timed(() => Recognize(transcript, ct), ms => report.TimingsMs.Intent = ms);
            report.Tier = result.Tier;
            report.Reply = result.Reply;
            report.Intents = result.Intents.Select(UtteranceReport.IntentJson.From).ToList();
            report.Intent = report.Intents.FirstOrDefault();
            bus.Publish(new IntentHandled(transcript.Text, result));

            var sw = Stopwatch.StartNew();
            foreach (var intent in result.Intents)
            {
                var outcome = await publisher.PublishAsync(intent, transcript.Text, ct);
                if (outcome.Status == PublishStatus.Sent)
                {
                    foreach (var m in outcome.Messages) report.Published.Add(new(m.Topic, m.Payload));
                    continue;
                }
                // An intent of this device's own (a timer) is done whatever became of its event.
                if (intent.Device is null)
                {
                    log.LogWarning("{Id}: {Intent} event not sent: {Message}", utteranceId, intent.Name, outcome.Error);
                    continue;
                }
                // The reply says what happened at the devices, not what was understood.
                report.Error = outcome.Error;
                report.Reply = NotSentReply(outcome.Status);
                log.Log(outcome.Status == PublishStatus.Queued ? LogLevel.Warning : LogLevel.Error, "{Id}: {Message}", utteranceId, outcome.Error);
                break;
            }
            report.TimingsMs.Publish = sw.ElapsedMilliseconds;

            await Speak(report, utteranceId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            report.Error ??= e.Message;
            log.LogError("{Id}: {Message}", utteranceId, e.Message);
        }
        finally
        {
            report.TimingsMs.Total = total.ElapsedMilliseconds;
            bus.Publish(new StateChanged(AssistantState.Idle));
        }
        return report;
    }

    static string NotSentReply(PublishStatus status) => status switch
    {
        PublishStatus.Queued => "I can't reach the devices right now. I'll send it when the connection is back.",
        PublishStatus.Refused => "Sorry, that device is not set up for this.",
        _ => "Sorry, I could not reach the devices.",
    };

    Task<IntentResult> Recognize(Transcript t, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(t.Text))
            return Task.FromResult(IntentResult.None("Sorry, I didn't catch that."));
        return t.Unsure ? intents.RecognizeUnsureAsync(t.Text, ct) : intents.RecognizeAsync(t.Text, ct);
    }

    async Task Speak(UtteranceReport report, string utteranceId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(report.Reply)) return;
        var sw = Stopwatch.StartNew();
        try
        {
            var clip = await tts.SynthesizeAsync(report.Reply, ct);
            report.TimingsMs.Tts = sw.ElapsedMilliseconds;
            report.ReplyMs = (long)clip.Duration.TotalMilliseconds;
            bus.Publish(new StateChanged(AssistantState.Speaking));
            report.ReplyWav = await output.PlayAsync(clip, utteranceId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            report.TimingsMs.Tts = sw.ElapsedMilliseconds;
            report.Error ??= "reply failed: " + e.Message;
            log.LogError("{Id}: spoken reply failed: {Message}", utteranceId, e.Message);
        }
    }

    static async Task<T> Timed<T>(Func<Task<T>> f, Action<long> record)
    {
        var sw = Stopwatch.StartNew();
        try { return await f(); }
        finally { record(sw.ElapsedMilliseconds); }
    }
}
