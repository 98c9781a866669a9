namespace EdgeVoice.WakeWord;

/// <summary>Section "WakeWord". See README.md in this folder.</summary>
public sealed class WakeWordOptions
{
    /// <summary>Folder holding openwakeword/*.onnx and silero_vad_v5.onnx; null uses the root ModelsDir.</summary>
    public string? ModelsDir { get; set; }
    /// <summary>Wake classifier under ModelsDir/openwakeword.</summary>
    public string Model { get; set; } = "hey_jarvis_v0.1.onnx";
    /// <summary>Phrase reported in WakeDetected (the model decides what it hears).</summary>
    public string Phrase { get; set; } = "hey jarvis";
    /// <summary>Score 0..1 a frame must reach to count as the wake word; lower = more sensitive.</summary>
    public double Threshold { get; set; } = 0.5;
    /// <summary>Ignore new wake detections this long after one (the score stays high for a few frames).</summary>
    public int RefractoryMs { get; set; } = 1500;
    /// <summary>Silero speech probability counted as speech.</summary>
    public double VadThreshold { get; set; } = 0.5;
    /// <summary>Silence after speech that ends the command.</summary>
    public int SilenceTailMs { get; set; } = 700;
    /// <summary>Hard cap on a command's length.</summary>
    public int MaxUtteranceMs { get; set; } = 10000;
    /// <summary>Commands with less speech than this are dropped (a cough, a click).</summary>
    public int MinSpeechMs { get; set; } = 200;
    /// <summary>Give up when no speech starts this long after the wake word.</summary>
    public int NoSpeechTimeoutMs { get; set; } = 4000;
    /// <summary>Decode commands while they are spoken when the recogniser can (the grammar recogniser can).</summary>
    public bool StreamCommands { get; set; } = true;
    /// <summary>Write each command's audio to CommandAudioDir (audio before the wake word is never written).</summary>
    public bool KeepCommandAudio { get; set; }
    public string CommandAudioDir { get; set; } = "commands";
}
