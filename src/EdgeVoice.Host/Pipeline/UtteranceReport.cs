using System.Text.Json.Serialization;
using EdgeVoice.Core;

namespace EdgeVoice.Host.Pipeline;

/// <summary>
/// One processed utterance: the stable JSON contract printed by `simulate --json`, one object per line.
/// Fields file..timings_ms are the contract; the rest are additive.
/// </summary>
public sealed class UtteranceReport
{
    [JsonPropertyName("file")] public string File { get; set; } = "";
    [JsonPropertyName("transcript")] public string Transcript { get; set; } = "";
    [JsonPropertyName("intent")] public IntentJson? Intent { get; set; }
    [JsonPropertyName("reply")] public string Reply { get; set; } = "";
    [JsonPropertyName("reply_wav")] public string? ReplyWav { get; set; }
    [JsonPropertyName("published")] public List<PublishedJson> Published { get; set; } = [];
    [JsonPropertyName("error")] public string? Error { get; set; }
    [JsonPropertyName("timings_ms")] public Timings TimingsMs { get; set; } = new();
    /// <summary>Every intent when an area command expanded to several devices; "intent" is the first.</summary>
    [JsonPropertyName("intents")] public List<IntentJson> Intents { get; set; } = [];
    [JsonPropertyName("recognizer")] public string? Recognizer { get; set; }
    [JsonPropertyName("tier")] public string? Tier { get; set; }
    [JsonPropertyName("wake_at_ms"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? WakeAtMs { get; set; }
    [JsonPropertyName("speech_end_ms"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? SpeechEndMs { get; set; }
    /// <summary>What started the capture in a stream: "wake", "button" or "follow-up" (an answer heard without a wake word).</summary>
    [JsonPropertyName("trigger"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Trigger { get; set; }
    /// <summary>How long the spoken reply lasts.</summary>
    [JsonPropertyName("reply_ms")] public long ReplyMs { get; set; }

    public sealed record IntentJson(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("device")] string? Device,
        [property: JsonPropertyName("slots")] IReadOnlyDictionary<string, object> Slots)
    {
        public static IntentJson From(Intent i) => new(i.Name, i.Device, i.Slots);
    }

    public sealed record PublishedJson(
        [property: JsonPropertyName("topic")] string Topic,
        [property: JsonPropertyName("payload")] string Payload);

    public sealed class Timings
    {
        [JsonPropertyName("stt")] public long Stt { get; set; }
        [JsonPropertyName("intent")] public long Intent { get; set; }
        [JsonPropertyName("tts")] public long Tts { get; set; }
        [JsonPropertyName("publish")] public long Publish { get; set; }
        [JsonPropertyName("total")] public long Total { get; set; }
    }
}
