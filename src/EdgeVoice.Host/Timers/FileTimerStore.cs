using System.Text.Json;
using EdgeVoice.Intents.Timers;
using EdgeVoice.Mqtt;

namespace EdgeVoice.Host.Timers;

/// <summary>Timers in one owner-only JSON file beside the MQTT outbox, replaced atomically on every change.</summary>
public sealed class FileTimerStore(string path) : ITimerStore
{
    public string Path { get; } = path;

    public IReadOnlyList<TimerEntry> Load() =>
        File.Exists(Path) ? JsonSerializer.Deserialize<List<TimerEntry>>(File.ReadAllText(Path)) ?? [] : [];

    public void Save(IReadOnlyList<TimerEntry> timers) => Outbox.WriteDurably(Path, JsonSerializer.SerializeToUtf8Bytes(timers));
}
