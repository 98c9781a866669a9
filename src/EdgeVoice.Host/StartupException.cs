namespace EdgeVoice.Host;

/// <summary>A configuration or start-up problem the user must fix; printed without a stack trace.</summary>
public sealed class StartupException(string message) : Exception(message);
