using System.Net.Sockets;
using System.Text;
using EdgeVoice.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Wyoming.Tests;

public class RegistrationTests
{
    sealed class Echo : ITextToSpeech
    {
        public Task<AudioClip> SynthesizeAsync(string text, CancellationToken ct = default) => Task.FromResult(new AudioClip(new float[1600]));
    }

    sealed class Intents : IIntentRecognizer
    {
        public Task<IntentResult> RecognizeAsync(string text, CancellationToken ct = default) => Task.FromResult(IntentResult.None(text));
    }

    [Fact]
    public void The_intent_service_has_a_recogniser_of_its_own_so_the_devices_dialog_is_not_shared()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Wyoming:Enabled"] = "true" }).Build();
        var s = new ServiceCollection().AddLogging();
        s.AddSingleton<IIntentRecognizer, Intents>();
        using var sp = s.AddEdgeVoiceWyoming(config).BuildServiceProvider();
        var own = Assert.IsType<Intents>(sp.GetRequiredService<WyomingStages>().Intents);
        Assert.NotSame(sp.GetRequiredService<IIntentRecognizer>(), own);
    }

    static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var s = new ServiceCollection().AddLogging();
        s.AddSingleton<ITextToSpeech, Echo>();
        s.AddEdgeVoiceWyoming(config);
        return s.BuildServiceProvider();
    }

    [Fact]
    public void Off_by_default_nothing_listens()
    {
        using var sp = Build(new() { ["NodeId"] = "kitchen" });
        Assert.Empty(sp.GetServices<IHostedService>());
        Assert.False(WyomingServiceCollectionExtensions.IsSatellite(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Wyoming:Satellite:Enabled"] = "true" }).Build()));
    }

    [Fact]
    public async Task A_port_already_taken_is_logged_and_does_not_stop_the_service()
    {
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var log = new ListLogger();
            using var factory = log.Factory();
            using var server = new WyomingServer(new WyomingOptions { Enabled = true, Host = "127.0.0.1", Port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port }, new WyomingStages(), factory.CreateLogger<WyomingServer>());
            await server.StartAsync(default);
            Assert.Equal(0, server.Port);
            Assert.Equal(1, log.Count(LogLevel.Error, "cannot listen"));
            await server.StopAsync(default);
        }
        finally { taken.Stop(); }
    }

    [Fact]
    public void Enabled_it_is_announced_over_mdns_unless_turned_off()
    {
        using var sp = Build(new() { ["Wyoming:Enabled"] = "true", ["NodeId"] = "hall" });
        var mdns = Assert.Single(sp.GetServices<IHostedService>().OfType<MdnsAnnouncer>());
        Assert.StartsWith("edgevoice-hall.", mdns.Instance);
    }

    [Fact]
    public async Task Enabled_it_serves_the_registered_stages_only_and_on_a_unix_socket_too()
    {
        var sock = Path.Combine(Repo.TempDir("wyoming-unix"), "wyoming.sock");
        using var sp = Build(new() { ["Wyoming:Enabled"] = "true", ["Wyoming:Host"] = "127.0.0.1", ["Wyoming:Port"] = "0", ["Wyoming:UnixSocket"] = sock, ["Wyoming:Wake"] = "false", ["Wyoming:Zeroconf:Enabled"] = "false" });
        var server = Assert.IsType<WyomingServer>(Assert.Single(sp.GetServices<IHostedService>()));
        await server.StartAsync(default);
        try
        {
            using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await s.ConnectAsync(new UnixDomainSocketEndPoint(sock));
            await s.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"describe\"}\n"));
            var got = new StringBuilder();
            var buf = new byte[4096];
            using var cts = new CancellationTokenSource(10000);
            while (!got.ToString().Contains("\"tts\""))
            {
                int n = await s.ReceiveAsync(buf, cts.Token);
                Assert.NotEqual(0, n);
                got.Append(Encoding.UTF8.GetString(buf, 0, n));
            }
            Assert.StartsWith("{\"type\":\"info\"", got.ToString());
            Assert.DoesNotContain("\"asr\"", got.ToString()); // no recogniser registered
            Assert.DoesNotContain("\"wake\"", got.ToString()); // turned off
        }
        finally { await server.StopAsync(default); }
        Assert.False(File.Exists(sock));
    }
}
