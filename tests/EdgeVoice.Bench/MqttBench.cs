using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EdgeVoice.Core;
using EdgeVoice.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Bench;

public sealed record MqttBenchResult(double MedianMs, double P95Ms, int Samples, int Queued, double DrainMs, double BrokerStartMs, int ChaosSent, int ChaosLost, int ChaosDuplicates)
{
    public override string ToString() =>
        $"mqtt publish→subscriber (QoS1, loopback, incl. outbox fsync): median {MedianMs:F2} ms, p95 {P95Ms:F2} ms over {Samples}\n" +
        $"mqtt outbox drain: {Queued} intents ({Queued * 2} messages) delivered {DrainMs:F0} ms after the broker restart began (broker listening after {BrokerStartMs:F0} ms)\n" +
        $"mqtt chaos ({ChaosSent} intents, 2 broker restarts): lost {ChaosLost}, duplicates {ChaosDuplicates} (receivers de-dup by id)";
}

/// <summary>
/// Console-friendly benchmark against a real broker the caller controls (stop = graceful SIGTERM so the
/// broker keeps the subscriber's session). Prints medians; used by the bench script, not by unit tests' timers.
/// </summary>
public static class MqttBench
{
    public static async Task<MqttBenchResult> RunAsync(string host, int port, Func<Task> stopBroker, Func<Task> startBroker,
        int samples = 200, int queued = 500, int chaos = 300, TextWriter? output = null)
    {
        // Both clients' outboxes in one folder, removed afterwards: repeated bench runs must not fill /tmp.
        var work = Path.Combine(Path.GetTempPath(), "edgevoice-mqttbench-" + Guid.NewGuid().ToString("N")[..8]);
        try { return await Measure(work, host, port, stopBroker, startBroker, samples, queued, chaos, output); }
        finally
        {
            try { Directory.Delete(work, recursive: true); }
            catch (IOException) { }
        }
    }

    static async Task<MqttBenchResult> Measure(string work, string host, int port, Func<Task> stopBroker, Func<Task> startBroker,
        int samples, int queued, int chaos, TextWriter? output)
    {
        var voice = new EdgeVoiceOptions
        {
            NodeId = "bench",
            Devices = [new DeviceOptions { Id = "lamp", Actions = [IntentNames.LightSet], CommandTopic = "bench/lamp/set",
                Payloads = { [IntentNames.LightSet] = "{\"brightness\":{brightness}}" } }],
        };
        var outbox = Path.Combine(work, "outbox");
        var o = new MqttOptions { Host = host, Port = port, OutboxDir = outbox, ReconnectMinMs = 100, ReconnectMaxMs = 500, PublishWaitMs = 5000 };
        var received = new ConcurrentQueue<(string Id, int N, long Ticks)>();
        await using var sub = Subscriber(host, port, received, Path.Combine(work, "subscriber"));
        await using var pub = new MqttIntentPublisher(new MqttLink(Options.Create(o), Options.Create(voice), NullLogger<MqttLink>.Instance),
            DeviceCatalog.Of(voice), Options.Create(o), NullLogger<MqttIntentPublisher>.Instance);
        await pub.StartAsync();
        if (!await pub.Link.WaitConnectedAsync(TimeSpan.FromSeconds(10)) || !await sub.WaitConnectedAsync(TimeSpan.FromSeconds(10)))
            throw new InvalidOperationException($"bench: broker {host}:{port} not reachable: {pub.Link.LastError ?? sub.LastError}");
        await Task.Delay(200);

        // 1. Latency: publish call → the subscriber has the intent event.
        var lat = new List<double>();
        for (int i = 0; i < samples; i++)
        {
            int before = received.Count;
            long t0 = Stopwatch.GetTimestamp();
            await pub.PublishAsync(Light(i));
            while (received.Count == before) await Task.Yield();
            lat.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        lat.Sort();

        // 2. Drain: N intents queued while the broker is down, timed from its return to an empty outbox.
        await stopBroker();
        for (int i = 0; i < queued; i++) await Offline(() => pub.PublishAsync(Light(i)));
        // Timed from the restart call: the link may reconnect before startBroker even returns.
        var sw = Stopwatch.StartNew();
        await startBroker();
        double brokerUp = sw.Elapsed.TotalMilliseconds;
        int left = await pub.FlushAsync(TimeSpan.FromSeconds(120));
        double drain = sw.Elapsed.TotalMilliseconds;
        if (left > 0) throw new InvalidOperationException($"bench: {left} message(s) not drained");

        // 3. Chaos: restarts during a stream; count what the subscriber saw.
        await sub.WaitConnectedAsync(TimeSpan.FromSeconds(10));
        received.Clear();
        var sent = new HashSet<int>();
        for (int i = 0; i < chaos; i++)
        {
            if (i == chaos / 3 || i == 2 * chaos / 3)
            {
                await stopBroker(); await Task.Delay(200); await startBroker();
                // The observer must be back before counting: the publisher keeps publishing into its outbox
                // meanwhile, but a subscriber still reconnecting is the bench's blind spot, not a product loss.
                await sub.WaitConnectedAsync(TimeSpan.FromSeconds(10));
                await Task.Delay(100);
            }
            await Offline(() => pub.PublishAsync(Light(100000 + i)));
            sent.Add(100000 + i);
        }
        await pub.FlushAsync(TimeSpan.FromSeconds(60));
        var end = DateTime.UtcNow.AddSeconds(15);
        while (received.Select(r => r.Id).Distinct().Count() < chaos && DateTime.UtcNow < end) await Task.Delay(50);
        var got = received.Where(r => r.N >= 100000).ToList();
        int unique = got.Select(r => r.Id).Distinct().Count();
        var result = new MqttBenchResult(Pct(lat, 0.5), Pct(lat, 0.95), samples, queued, drain, brokerUp, chaos,
            sent.Count - got.Select(r => r.N).Distinct().Count(), got.Count - unique);
        output?.WriteLine(result);
        try { Directory.Delete(outbox, true); } catch (IOException) { }
        return result;
    }

    static async Task Offline(Func<Task> publish)
    {
        try { await publish(); }
        catch (MqttOfflineException) { } // queued; delivery is what is measured
    }

    static Intent Light(int n) => new(IntentNames.LightSet, "lamp", new Dictionary<string, object> { ["brightness"] = n });

    static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>A second persistent-session client (reusing the reconnecting link) collecting intent events.</summary>
    static MqttLink Subscriber(string host, int port, ConcurrentQueue<(string, int, long)> into, string outbox)
    {
        var o = new MqttOptions { Host = host, Port = port, ClientId = "edgevoice-bench-sub-" + Guid.NewGuid().ToString("N")[..6],
            OutboxDir = outbox, ReconnectMinMs = 100, ReconnectMaxMs = 500 };
        var link = new MqttLink(Options.Create(o), Options.Create(new EdgeVoiceOptions { NodeId = "bench-sub" }), NullLogger<MqttLink>.Instance);
        link.OnMessage(m =>
        {
            var e = JsonDocument.Parse(Encoding.UTF8.GetString(m.Payload)).RootElement;
            into.Enqueue((e.GetProperty("id").GetString()!, e.GetProperty("slots").GetProperty("brightness").GetInt32(), Stopwatch.GetTimestamp()));
            return Task.CompletedTask;
        });
        _ = link.SubscribeAsync("edgevoice/bench/intent");
        _ = link.StartAsync();
        return link;
    }
}
