namespace EdgeVoice.Intents;

public sealed class IntentOptions
{
    /// <summary>Follow-ups ("and the bedroom too") resolve against the previous turn within this time.</summary>
    public double SessionIdleSeconds { get; set; } = 30;
    /// <summary>GGUF model for the LLM tier; relative paths are under ModelsDir. Missing = rules only.</summary>
    public string LlmModel { get; set; } = "qwen2.5-0.5b-instruct-q4_k_m.gguf";
    public int LlmThreads { get; set; } = 2;
    public int LlmThrottledThreads { get; set; } = 1;
    public int LlmContextSize { get; set; } = 1024;
    /// <summary>Load a file named *-random-* (a shape-equivalent test model). Tests and the bench only.</summary>
    public bool AllowRandomWeights { get; set; }
    public int AnswerMaxTokens { get; set; } = 60;
    public double AnswerTimeoutSeconds { get; set; } = 4;
    public RemoteOptions Remote { get; set; } = new();
    /// <summary>Home Assistant's sentence templates for the configured devices, after the rules (HaIntents/en).</summary>
    public bool Templates { get; set; } = true;
    /// <summary>Tests only: the template compile starts when the first utterance arrives, so that one surely meets it unfinished.</summary>
    public bool TemplateCompileWaitsForFirstUtterance { get; set; }
    /// <summary>The area this satellite stands in: "turn off the lights in here" means its lights. Unset: no "here".</summary>
    public string? SatelliteArea { get; set; }
    /// <summary>Floor name → its areas: "turn off the lights upstairs" means the lights in those areas.</summary>
    public Dictionary<string, List<string>> Floors { get; set; } = [];
    /// <summary>Retained MQTT state topic with the current weather (a word, or JSON with temperature and condition). Unset: "Weather is not configured."</summary>
    public string? WeatherTopic { get; set; }

    /// <summary>The device entry (no name, no actions) through which the weather topic's state is kept.</summary>
    public const string WeatherDeviceId = "edgevoice_weather";
}

/// <summary>Opt-in bigger model behind an OpenAI-compatible endpoint, for questions only by default.</summary>
public sealed class RemoteOptions
{
    public string? BaseUrl { get; set; }
    public string Model { get; set; } = "gpt-4o-mini";
    /// <summary>Also read from EDGEVOICE_REMOTE_API_KEY. Never logged.</summary>
    public string? ApiKey { get; set; }
    public double TimeoutSeconds { get; set; } = 5;
    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}
