using System.Text;
using EdgeVoice.Core;
using EdgeVoice.Testing;

namespace EdgeVoice.Mqtt.Tests;

/// <summary>The MQTT stage reads devices from the catalog, so a reload reaches it without a restart.</summary>
public sealed class DeviceCatalogTests
{
    static readonly DeviceOptions Garden = new()
    {
        Id = "garden_light", Name = "garden light", Actions = [IntentNames.TurnOn], CommandTopic = "home/garden/light/set",
        StateTopic = "home/garden/light/state", Payloads = { [IntentNames.TurnOn] = "ON" },
    };

    [Fact]
    public void A_device_added_by_a_reload_has_its_state_kept_and_its_commands_built()
    {
        var monitor = new Profiles.Monitor<EdgeVoiceOptions>(Kit.Voice("catalog"));
        var catalog = new DeviceCatalog(monitor);
        var store = new MqttDeviceStateStore(catalog);
        using var pub = Kit.Publisher(new MqttOptions { OutboxDir = Repo.TempDir("outbox") }, monitor.CurrentValue, new TestLog(), catalog: catalog);
        var turnOn = new Intent(IntentNames.TurnOn, "garden_light", Intent.NoSlots);
        Assert.False(store.Accept(Garden.StateTopic!, Encoding.UTF8.GetBytes("ON"), 2));
        Assert.Empty(pub.Build(turnOn));

        var reloaded = Kit.Voice("catalog");
        reloaded.Devices.Add(Garden);
        monitor.Set(reloaded);

        Assert.Contains(Garden.StateTopic, store.Topics);
        Assert.True(store.Accept(Garden.StateTopic!, Encoding.UTF8.GetBytes("ON"), 2));
        Assert.True(store.TryGetState("garden_light", out var state) && state == "ON", state);
        Assert.Contains(new PublishedMessage("home/garden/light/set", "ON"), pub.Build(turnOn));
    }
}
