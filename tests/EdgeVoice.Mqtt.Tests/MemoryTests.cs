using EdgeVoice.Testing;
using Xunit.Abstractions;

namespace EdgeVoice.Mqtt.Tests;

/// <summary>Allocation is counted process-wide, so nothing else may run beside these tests.</summary>
[CollectionDefinition("memory", DisableParallelization = true)]
public sealed class MemoryCollection;

[Collection("memory")]
public class MemoryTests(ITestOutputHelper output)
{
    const int Big = 64 * 1024 * 1024;

    [Fact]
    public async Task Payloads_far_above_the_cap_are_never_read_into_memory_even_when_redelivered_after_a_restart()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var outbox = Repo.TempDir("outbox");
        var big = Path.Combine(Repo.TempDir("big"), "big.json");
        using (var f = File.Create(big))
        {
            f.Write("{\"text\":\""u8);
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)'a');
            for (int i = 0; i < Big / chunk.Length; i++) f.Write(chunk);
            f.Write("\"}"u8);
        }

        await using (var n = await Node.StartAsync(broker, "mem", outbox))
        {
            var before = GC.GetTotalAllocatedBytes(true);
            Assert.Equal(0, (await Kit.Pub(broker, "edgevoice/mem/cmd/say", file: big)).ExitCode);
            Assert.Equal(0, (await Kit.Pub(broker, "home/kitchen/light/state", file: big, retain: true)).ExitCode);
            await SaysAsync(broker, n, "still here");
            Bounded(GC.GetTotalAllocatedBytes(true) - before, "while connected");
        }
        // While the node is away its persistent session keeps another one for it; the retained state waits too.
        Assert.Equal(0, (await Kit.Pub(broker, "edgevoice/mem/cmd/say", file: big)).ExitCode);
        var start = GC.GetTotalAllocatedBytes(true);
        await using (var n = await Node.StartAsync(broker, "mem", outbox))
        {
            await SaysAsync(broker, n, "back again");
            Bounded(GC.GetTotalAllocatedBytes(true) - start, "after the restart");
            Assert.DoesNotContain(n.Handler.Calls, c => c.Length > 100);
        }
    }

    [Fact]
    public async Task A_1_MB_say_is_dropped_by_the_broker_without_reaching_memory_and_the_node_keeps_serving()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var big = Path.Combine(Repo.TempDir("big"), "big.json");
        File.WriteAllText(big, "{\"text\":\"" + new string('a', 1024 * 1024) + "\"}");
        await using var n = await Node.StartAsync(broker, "mb", Repo.TempDir("outbox"));
        await SaysAsync(broker, n, "warm up");
        var before = GC.GetTotalAllocatedBytes(true);
        Assert.Equal(0, (await Kit.Pub(broker, "edgevoice/mb/cmd/say", file: big)).ExitCode);
        await SaysAsync(broker, n, "still here");
        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        output.WriteLine($"{allocated / 1e3:F0} kB allocated around a 1 MB say");
        Assert.True(allocated < 1024 * 1024, $"{allocated / 1e3:F0} kB allocated: the 1 MB payload was read");
        Assert.Equal(["say:warm up", "say:still here"], n.Handler.Calls);
    }

    async Task SaysAsync(MosquittoBroker broker, Node n, string text)
    {
        await Kit.Pub(broker, $"edgevoice/{n.NodeId}/cmd/say", $"{{\"text\":\"{text}\"}}");
        var end = DateTime.UtcNow.AddSeconds(20);
        while (!n.Handler.Calls.Contains("say:" + text) && DateTime.UtcNow < end) await Task.Delay(50);
        Assert.Contains("say:" + text, n.Handler.Calls);
    }

    void Bounded(long allocated, string when)
    {
        output.WriteLine($"{when}: {allocated / 1e6:F1} MB allocated for {Big / 1e6:F0} MB payloads");
        Assert.True(allocated < Big / 4, $"{when}: {allocated / 1e6:F1} MB allocated: the {Big / 1e6:F0} MB payload was read");
    }
}
