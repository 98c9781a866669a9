using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeVoice.Testing;

namespace EdgeVoice.Intents.Tests;

/// <summary>The opt-in remote model against a small OpenAI-style server on loopback, started by the test.</summary>
public sealed class RemoteChatTests
{
    sealed class FakeOpenAi : IAsyncDisposable
    {
        readonly TcpListener _l = new(IPAddress.Loopback, 0);
        readonly CancellationTokenSource _stop = new();
        public string? LastRequest;
        public string? LastAuth;
        public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_l.LocalEndpoint).Port}/v1";

        public FakeOpenAi(string body, TimeSpan delay = default)
        {
            _l.Start();
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var c = await _l.AcceptTcpClientAsync(_stop.Token);
                    var s = c.GetStream();
                    var buf = new byte[65536];
                    int n = await s.ReadAsync(buf, _stop.Token);
                    var req = Encoding.UTF8.GetString(buf, 0, n);
                    LastAuth = req.Split("\r\n").FirstOrDefault(h => h.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase));
                    LastRequest = req;
                    if (delay > TimeSpan.Zero) await Task.Delay(delay, _stop.Token);
                    var resp = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
                    await s.WriteAsync(Encoding.UTF8.GetBytes(resp), _stop.Token);
                }
            });
        }

        public async ValueTask DisposeAsync() { _stop.Cancel(); _l.Stop(); await Task.Yield(); }
    }

    static IntentEngine Engine(string baseUrl, double timeout = 2) =>
        Engines.Create(o: new IntentOptions
        {
            LlmModel = "/nonexistent.gguf",
            Remote = new RemoteOptions { BaseUrl = baseUrl, Model = "big-model", ApiKey = "sk-test-secret", TimeoutSeconds = timeout },
        });

    [Fact]
    public async Task Questions_go_to_the_configured_endpoint()
    {
        await using var server = new FakeOpenAi("""{"choices":[{"message":{"role":"assistant","content":"About seven minutes."}}]}""");
        using var e = Engine(server.BaseUrl);
        var r = await e.RecognizeAsync("how long should I boil an egg");
        Assert.Equal("About seven minutes.", r.Reply);
        Assert.Equal("remote", r.Tier);
        Assert.Contains("big-model", server.LastRequest);
        Assert.Equal("Authorization: Bearer sk-test-secret", server.LastAuth);
    }

    [Fact]
    public async Task Device_commands_never_go_to_the_remote_model()
    {
        await using var server = new FakeOpenAi("""{"choices":[{"message":{"content":"{\"intent\":\"HassTurnOn\",\"device\":\"front_door\"}"}}]}""");
        using var e = Engine(server.BaseUrl);
        var r = await e.RecognizeAsync("turn on the kitchen light");
        Assert.Equal("rules", r.Tier);
        Assert.Null(server.LastRequest);
    }

    [Fact]
    public async Task A_slow_endpoint_falls_back_locally_after_its_timeout()
    {
        await using var server = new FakeOpenAi("""{"choices":[{"message":{"content":"late"}}]}""", TimeSpan.FromSeconds(5));
        using var e = Engine(server.BaseUrl, timeout: 0.5);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = await e.RecognizeAsync("what is the capital of france");
        Assert.Equal(IntentEngine.NoOpenSpeech, r.Reply);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(4), $"took {sw.Elapsed}");
    }

    [Theory]
    [InlineData("""{"choices":[]}""")]
    [InlineData("""not json at all""")]
    [InlineData("""{"error":{"message":"overloaded"}}""")]
    public async Task A_malformed_response_falls_back_locally(string body)
    {
        await using var server = new FakeOpenAi(body);
        using var e = Engine(server.BaseUrl);
        var r = await e.RecognizeAsync("what is the capital of france");
        Assert.Equal(IntentEngine.NoOpenSpeech, r.Reply);
        Assert.Empty(r.Intents);
    }
}
