using EdgeVoice.Testing;
using Xunit.Abstractions;

namespace EdgeVoice.Mqtt.Tests;

public class BenchTests(ITestOutputHelper output)
{
    /// <summary>Small run so the bench entry itself stays working; the bench script runs it with larger numbers.</summary>
    [Fact]
    public async Task Bench_runs_against_a_real_broker_and_loses_nothing()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        int samples = int.TryParse(Environment.GetEnvironmentVariable("EDGEVOICE_MQTT_BENCH_SAMPLES"), out var s) ? s : 30;
        var w = new StringWriter();
        var r = await EdgeVoice.Bench.MqttBench.RunAsync(broker.Host, broker.Port, broker.StopGracefullyAsync, broker.StartAsync, samples, queued: samples * 2, chaos: samples * 2, output: w);
        output.WriteLine(w.ToString());
        Assert.Equal(0, r.ChaosLost);
        Assert.True(r.MedianMs > 0 && r.P95Ms >= r.MedianMs && r.DrainMs > 0, r.ToString());
    }
}
