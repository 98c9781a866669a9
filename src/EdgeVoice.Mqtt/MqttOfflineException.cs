using EdgeVoice.Core;

namespace EdgeVoice.Mqtt;

/// <summary>
/// Thrown by PublishAsync when the broker is down: the messages ARE durably queued and will be sent when it
/// returns (unless they expire first), but the caller should tell the user it did not happen yet.
/// </summary>
public sealed class MqttOfflineException(IReadOnlyList<PublishedMessage> queued, string message) : Exception(message)
{
    public IReadOnlyList<PublishedMessage> Queued { get; } = queued;
}
