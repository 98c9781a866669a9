using EdgeVoice.Core;

namespace EdgeVoice.Speech;

/// <summary>An open-vocabulary recogniser (Whisper) whose model may not be installed on this device.</summary>
public interface IOpenSpeechToText : ISpeechToText
{
    /// <summary>False until scripts/setup.sh has placed the model: auto mode then works from the grammar alone.</summary>
    bool Available { get; }
    string ModelPath { get; }
}
