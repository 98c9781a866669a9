namespace EdgeVoice.Core;

/// <summary>Audio that cannot be read: corrupt, truncated or in a format EdgeVoice does not decode.</summary>
public sealed class AudioFormatException(string message, Exception? inner = null) : Exception(message, inner);
