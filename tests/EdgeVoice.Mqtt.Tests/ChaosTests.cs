using System.Text.Json;
using EdgeVoice.Core;
using EdgeVoice.Testing;
using Xunit.Abstractions;

namespace EdgeVoice.Mqtt.Tests;

public class ChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Five_hundred_intents_survive_three_broker_restarts_and_a_process_kill_exactly_once_in_order()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        // Persistent subscriber session: what the broker accepted while the subscriber was away is still delivered.
        await using var sub = await MqttSub.StartAsync(broker, "edgevoice/chaos/intent", "-c", "-i", "chaos-sub-" + broker.Port);
        // The device itself: its commands must all arrive too, not only the events about them.
        await using var device = await MqttSub.StartAsync(broker, "home/kitchen/light/set", "-c", "-i", "chaos-dev-" + broker.Port);
        var outbox = Repo.TempDir("outbox");
        var o = Kit.Options(broker, outbox);
        o.PublishWaitMs = 300;
        var voice = Kit.Voice("chaos");
        var log = new TestLog();
        var pub = Kit.Publisher(o, voice, log);
        int offline = 0;
        try
        {
            for (int i = 0; i < 500; i++)
            {
                switch (i)
                {
                    case 80 or 230 or 400: await broker.StopGracefullyAsync(); break;
                    case 150 or 280 or 450: await broker.StartAsync(); break;
                    case 320: // process kill: the instance vanishes mid-run (no DISCONNECT), a new one takes over the same outbox
                        await pub.Link.AbortAsync();
                        pub = Kit.Publisher(o, voice, log);
                        break;
                }
                try { await pub.PublishAsync(Kit.Light(i), $"n{i}"); }
                catch (MqttOfflineException e) { offline++; Assert.Equal(2, e.Queued.Count); }
            }
            int left = await pub.FlushAsync(TimeSpan.FromSeconds(60));
            Assert.True(left == 0, $"{left} message(s) still queued\n{log.All}");
        }
        finally { await pub.DisposeAsync(); }

        var got = await sub.WaitForAsync(l => l.Select(Id).Distinct().Count() >= 500, TimeSpan.FromSeconds(30));
        var firstSeen = new List<int>();
        var ids = new HashSet<string>();
        foreach (var m in got)
            if (ids.Add(Id(m))) firstSeen.Add(JsonDocument.Parse(m.Payload).RootElement.GetProperty("slots").GetProperty("brightness").GetInt32());
        Assert.True(offline >= 100, $"only {offline} publishes saw the broker down");
        output.WriteLine($"offline publishes {offline}, received {got.Count}, unique {firstSeen.Count}, duplicates {got.Count - firstSeen.Count}");
        Assert.Equal(Enumerable.Range(0, 500), firstSeen);

        // Commands carry no id: each brightness is sent once, so the first sight of each is the delivery order.
        var commands = await device.WaitForAsync(l => l.Select(m => m.Payload).Distinct().Count() >= 500, TimeSpan.FromSeconds(30));
        var brightness = commands.Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("brightness").GetInt32()).ToList();
        output.WriteLine($"device commands received {brightness.Count}, unique {brightness.Distinct().Count()}, duplicates {brightness.Count - brightness.Distinct().Count()}");
        Assert.Equal(Enumerable.Range(0, 500), brightness.Distinct());
        // QoS 1 is at least once: at each of the three restarts the broker may send again what it had in flight to this
        // subscriber and not yet seen acknowledged (mosquitto's default window, 20), and the killed publisher its own unacknowledged few.
        // CI under load saw 28 and 60; a quiet run sees 0. More than that would be a resend loop.
        Assert.True(brightness.Count - 500 <= 3 * 20 + 5, $"{brightness.Count - 500} duplicate commands: more than a kill and three restarts explain");
        Assert.Empty(Directory.GetFiles(outbox, "*.msg"));
    }

    static string Id((string Topic, string Payload) m) => JsonDocument.Parse(m.Payload).RootElement.GetProperty("id").GetString()!;

    [Fact]
    public async Task Commands_older_than_their_expiry_are_dropped_logged_and_announced()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sub = await MqttSub.StartAsync(broker, "home/#", "-c", "-i", "exp-sub-" + broker.Port);
        var bus = new Recorder();
        var log = new TestLog();
        var o = Kit.Options(broker);
        o.CommandExpirySeconds = 1;
        await using var pub = Kit.Publisher(o, Kit.Voice("exp"), log, bus);
        await pub.StartAsync();
        Assert.True(await pub.Link.WaitConnectedAsync(TimeSpan.FromSeconds(5)));

        await broker.StopGracefullyAsync();
        var until = DateTime.UtcNow.AddSeconds(5);
        while (pub.Link.IsConnected && DateTime.UtcNow < until) await Task.Delay(20);
        for (int i = 0; i < 3; i++)
        {
            var e = await Assert.ThrowsAsync<MqttOfflineException>(() => pub.PublishAsync(Kit.Light(i)));
            Assert.Contains($"broker {broker.Host}:{broker.Port} is unreachable", e.Message);
        }
        Assert.Equal(6, pub.Link.Outbox.Count);
        await Task.Delay(1500);
        await broker.StartAsync();
        Assert.Equal(0, await pub.FlushAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(6, pub.Link.Expired);
        Assert.Contains(bus.Events, e => e is Notice { IsError: true } n && n.Message.Contains("home/kitchen/light/set") && n.Message.Contains("expired"));
        Assert.Contains("dropped message", log.All);
        // Fresh commands still flow, and none of the stale ones arrived.
        await pub.PublishAsync(Kit.Light(99));
        var got = await sub.WaitForAsync(l => l.Count > 0, TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        Assert.Equal([("home/kitchen/light/set", "{\"state\":\"ON\",\"brightness\":99}")], sub.Messages.ToList());
    }
}
