namespace EdgeVoice.Core;

/// <summary>A model file that is missing or cannot be loaded. Message says which file and what to run.</summary>
public sealed class ModelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
