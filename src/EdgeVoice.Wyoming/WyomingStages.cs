using System.Text.Json.Nodes;
using EdgeVoice.Core;

namespace EdgeVoice.Wyoming;

/// <summary>What the server can offer: each stage is null when it is not configured or not wanted.</summary>
public sealed class WyomingStages
{
    public ISpeechToText? Stt { get; init; }
    public ITextToSpeech? Tts { get; init; }
    /// <summary>The espeak-ng voice the TTS stage speaks with (Speech:TtsVoice).</summary>
    public string TtsVoice { get; init; } = "en-us";
    public IIntentRecognizer? Intents { get; init; }
    public WakeDetectors? Wake { get; init; }
    public Satellite? Satellite { get; init; }
    public string Language { get; init; } = "en";

    /// <summary>The `info` answer to `describe`: one program per configured stage.</summary>
    public WyomingEvent Info()
    {
        var data = new JsonObject();
        string[] lang = [Language];
        if (Stt != null)
            data["asr"] = Program("edgevoice-asr", $"EdgeVoice speech to text ({Stt.Name}; the command grammar built from the configured devices)", "CMU Sphinx", "https://cmusphinx.github.io",
                "models", Model(Stt.Name, "speech recogniser", lang, "CMU Sphinx", "https://cmusphinx.github.io"));
        if (Tts != null)
            data["tts"] = Program("edgevoice-tts", "EdgeVoice text to speech (espeak-ng)", "eSpeak NG", "https://github.com/espeak-ng/espeak-ng",
                "voices", Model(TtsVoice, "espeak-ng voice", [TtsVoice.Split('-', '+')[0]], "eSpeak NG", "https://github.com/espeak-ng/espeak-ng"));
        if (Wake != null)
        {
            var m = Model(Wake.Name, $"wake word \"{Wake.Phrase}\"", lang, "openWakeWord", "https://github.com/dscripka/openWakeWord");
            m["phrase"] = Wake.Phrase;
            data["wake"] = Program("edgevoice-wake", "EdgeVoice wake word (openWakeWord features, EdgeVoice head)", "openWakeWord", "https://github.com/dscripka/openWakeWord", "models", m);
        }
        if (Intents != null)
            data["intent"] = Program("edgevoice-intent", "EdgeVoice intents for the configured devices (rules, local LLM)", "EdgeVoice", "https://github.com/edgevoice",
                "models", Model("edgevoice-intents", "intent recogniser", lang, "EdgeVoice", "https://github.com/edgevoice"));
        if (Satellite != null) data["satellite"] = Satellite.Describe();
        return new WyomingEvent("info", data);
    }

    internal static JsonObject Artifact(string name, string description, string by, string url) => new()
    {
        ["name"] = name,
        ["description"] = description,
        ["attribution"] = new JsonObject { ["name"] = by, ["url"] = url },
        ["installed"] = true,
        ["version"] = "1",
    };

    static JsonArray Program(string name, string description, string by, string url, string listKey, JsonObject model)
    {
        var p = Artifact(name, description, by, url);
        p[listKey] = new JsonArray(model);
        return new JsonArray(p);
    }

    static JsonObject Model(string name, string description, string[] languages, string by, string url)
    {
        var m = Artifact(name, description, by, url);
        m["languages"] = new JsonArray([.. languages.Select(l => (JsonNode)JsonValue.Create(l))]);
        return m;
    }
}
