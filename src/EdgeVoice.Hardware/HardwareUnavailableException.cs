namespace EdgeVoice.Hardware;

/// <summary>GPIO or SPI is missing or not permitted; the message says what to enable.</summary>
public sealed class HardwareUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
