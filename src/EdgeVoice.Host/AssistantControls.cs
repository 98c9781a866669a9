namespace EdgeVoice.Host;

/// <summary>Mute and volume shared by the listening loop, the remote commands and the button.</summary>
public sealed class AssistantControls
{
    public volatile bool Muted;
    public int Volume { get; set; } = 70;
}
