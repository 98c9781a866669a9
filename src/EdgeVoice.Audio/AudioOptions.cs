namespace EdgeVoice.Audio;

/// <summary>Section "Audio". See README.md in this folder.</summary>
public sealed class AudioOptions
{
    /// <summary>wav | stdin | alsa.</summary>
    public string Input { get; set; } = "alsa";
    /// <summary>WAV file for Input=wav.</summary>
    public string? InputFile { get; set; }
    /// <summary>Pace a WAV input to the wall clock like a microphone.</summary>
    public bool Realtime { get; set; }
    /// <summary>ALSA capture device for Input=alsa, e.g. "plughw:CARD=seeed2micvoicec" or "default".</summary>
    public string CaptureDevice { get; set; } = "default";
    /// <summary>Channels delivered by the capture device or stdin (ReSpeaker 2-mic: 2, 4-mic: 4).</summary>
    public int Channels { get; set; } = 1;
    /// <summary>Input=alsa: no audio for this long restarts the recorder (a stalled USB mic or driver).</summary>
    public double CaptureStallSeconds { get; set; } = 5;
    /// <summary>Channels to use: "mix" (all), "0", or "0,2".</summary>
    public string Channel { get; set; } = "mix";
    /// <summary>wav | alsa.</summary>
    public string Output { get; set; } = "alsa";
    public string PlaybackDevice { get; set; } = "default";
    /// <summary>Directory for Output=wav.</summary>
    public string OutputDir { get; set; } = "replies";
    /// <summary>ALSA mixer control the `volume` command sets.</summary>
    public string MixerControl { get; set; } = "Master";
}
