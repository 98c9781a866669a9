namespace EdgeVoice.Core;

/// <summary>Audio that cannot be read: corrupt, truncated or in a format EdgeVoice does not decode.</summary>
public sealed class AudioFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A model file that is missing or cannot be loaded. Message says which file and what to run.</summary>
public sealed class ModelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
