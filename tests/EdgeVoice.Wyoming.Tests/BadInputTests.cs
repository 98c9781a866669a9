using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace EdgeVoice.Wyoming.Tests;

/// <summary>Broken or hostile peers get a clear error event; the server keeps serving everyone else.</summary>
[Collection("server")]
public class BadInputTests(ServerFixture f)
{
    async Task AssertServes()
    {
        await using var other = await TestClient.ConnectAsync(f.Port);
        await other.SendAsync("ping", new JsonObject { ["text"] = "still there" });
        Assert.Equal("still there", (await other.ExpectAsync("pong")).Data["text"]!.GetValue<string>());
    }

    async Task<TestClient.Ev> ErrorFor(TestClient c, byte[] raw)
    {
        await c.SendRawAsync(raw);
        var e = await c.ReadAsync() ?? throw new Xunit.Sdk.XunitException("closed without an error event");
        Assert.Equal("error", e.Type);
        return e;
    }

    async Task WaitForIdle()
    {
        for (int i = 0; i < 600 && f.Server.ActiveConnections > 0; i++) await Task.Delay(50);
        Assert.Equal(0, f.Server.ActiveConnections);
    }

    [Theory]
    [InlineData("this is not json\n", "not a JSON object")]
    [InlineData("{\"data\":{}}\n", "no \"type\"")]
    [InlineData("[1,2]\n", "not a JSON object")]
    [InlineData("{\"type\":\"ping\",\"data\":5}\n", "data is not a JSON object")]
    public async Task A_malformed_header_gets_an_error_and_the_connection_goes_on(string line, string says)
    {
        await using var c = await TestClient.ConnectAsync(f.Port);
        var e = await ErrorFor(c, Encoding.UTF8.GetBytes(line));
        Assert.Contains(says, e.Data["text"]!.GetValue<string>());
        await c.SendAsync("ping");
        Assert.Equal("pong", (await c.ExpectAsync("pong")).Type);
    }

    [Theory]
    [InlineData("{\"type\":\"audio-chunk\",\"payload_length\":2000000000}\n", "payload_length")]
    [InlineData("{\"type\":\"describe\",\"data_length\":10000000}\n", "data_length")]
    [InlineData("{\"type\":\"audio-chunk\",\"payload_length\":-5}\n", "payload_length")]
    public async Task A_huge_or_negative_declared_length_gets_an_error_and_the_connection_is_closed(string line, string says)
    {
        await using var c = await TestClient.ConnectAsync(f.Port);
        var e = await ErrorFor(c, Encoding.UTF8.GetBytes(line));
        Assert.Contains(says, e.Data["text"]!.GetValue<string>());
        Assert.Null(await c.ReadAsync());
        await AssertServes();
    }

    [Fact]
    public async Task A_header_line_without_end_is_cut_off_at_the_limit()
    {
        await using var c = await TestClient.ConnectAsync(f.Port);
        var e = await ErrorFor(c, Encoding.UTF8.GetBytes("{\"type\":\"ping\",\"data\":{\"text\":\"" + new string('a', 40_000)));
        Assert.Equal("too-large", e.Data["code"]!.GetValue<string>());
        Assert.Null(await c.ReadAsync());
        await AssertServes();
    }

    [Fact]
    public async Task Audio_that_is_not_whole_frames_or_has_no_format_is_refused()
    {
        await using var c = await TestClient.ConnectAsync(f.Port);
        await c.SendAsync("transcribe");
        await c.SendAsync("audio-start", new JsonObject { ["rate"] = 16000, ["width"] = 2, ["channels"] = 1 });
        await c.SendAsync("audio-chunk", new JsonObject { ["rate"] = 16000, ["width"] = 2, ["channels"] = 1 }, new byte[101]);
        Assert.Contains("whole frames", (await c.ExpectAsync("error")).Data["text"]!.GetValue<string>());
        await c.SendAsync("audio-start", new JsonObject { ["rate"] = 16000, ["width"] = 7, ["channels"] = 1 });
        Assert.Contains("width", (await c.ExpectAsync("error")).Data["text"]!.GetValue<string>());
        await c.SendAsync("synthesize", new JsonObject());
        Assert.Contains("text", (await c.ExpectAsync("error")).Data["text"]!.GetValue<string>());
        await c.SendAsync("launch-rockets");
        Assert.Equal("unsupported", (await c.ExpectAsync("error")).Data["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stream_longer_than_the_limit_is_refused_instead_of_kept()
    {
        await using var c = await TestClient.ConnectAsync(f.Port);
        await c.SendAsync("transcribe");
        var fmt = new JsonObject { ["rate"] = 16000, ["width"] = 2, ["channels"] = 1 };
        await c.SendAsync("audio-start", fmt);
        var second = new byte[32000];
        TestClient.Ev? e = null;
        for (int i = 0; i < 40 && e == null; i++)
        {
            await c.SendAsync("audio-chunk", fmt.DeepClone().AsObject(), second);
            if (i == 30) e = await c.ExpectAsync("error");
        }
        Assert.Equal("too-long", e!.Data["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_does_not_hurt_the_others()
    {
        var x = ServerFixture.Pcm16(ServerFixture.Sample("open_the_blinds"));
        var fmt = new JsonObject { ["rate"] = 16000, ["width"] = 2, ["channels"] = 1 };
        for (int round = 0; round < 3; round++)
        {
            var quitter = await TestClient.ConnectAsync(f.Port);
            await quitter.SendAsync(round == 1 ? "detect" : "transcribe");
            await quitter.SendAsync("audio-start", fmt);
            await quitter.SendAsync("audio-chunk", fmt.DeepClone().AsObject(), x[..(x.Length / 2)]);
            await quitter.SendRawAsync(Encoding.UTF8.GetBytes("{\"type\":\"audio-chunk\",\"payload_length\":64000}\n" + new string('\0', 1000)));
            await quitter.DisposeAsync();

            await using var c = await TestClient.ConnectAsync(f.Port);
            await c.SendAsync("transcribe");
            await c.SendAudioAsync(x, 16000, 2, 1);
            Assert.Equal("open the blinds", (await c.ExpectAsync("transcript")).Data["text"]!.GetValue<string>());
        }
        await WaitForIdle();
    }

    [Fact]
    public async Task One_client_more_than_the_limit_is_told_the_server_is_busy()
    {
        await WaitForIdle();
        var held = new List<TestClient>();
        try
        {
            for (int i = 0; i < ServerFixture.MaxClients; i++)
            {
                var c = await TestClient.ConnectAsync(f.Port);
                held.Add(c);
                await c.SendAsync("ping");
                await c.ExpectAsync("pong");
            }
            Assert.Equal(ServerFixture.MaxClients, f.Server.ActiveConnections);
            await using (var extra = await TestClient.ConnectAsync(f.Port))
            {
                var e = await extra.ReadAsync();
                Assert.Equal("busy", e!.Data["code"]!.GetValue<string>());
                Assert.Null(await extra.ReadAsync());
            }
            await held[0].DisposeAsync();
            held.RemoveAt(0);
            for (int i = 0; i < 600 && f.Server.ActiveConnections >= ServerFixture.MaxClients; i++) await Task.Delay(50);
            await AssertServes();
        }
        finally { foreach (var c in held) await c.DisposeAsync(); }
    }

    [Fact]
    public async Task Memory_stays_bounded_under_repeated_abuse()
    {
        var fmt = new JsonObject { ["rate"] = 16000, ["width"] = 2, ["channels"] = 1 };
        async Task Round()
        {
            await using var c = await TestClient.ConnectAsync(f.Port);
            await c.SendAsync("transcribe");
            await c.SendAsync("audio-start", fmt);
            for (int i = 0; i < 8; i++) await c.SendAsync("audio-chunk", fmt.DeepClone().AsObject(), new byte[200_000]);
            await c.SendRawAsync(Encoding.UTF8.GetBytes("{\"type\":\"audio-chunk\",\"payload_length\":999999999}\n"));
            await c.ReadAsync(); // the error; then the server closes
        }
        for (int i = 0; i < 5; i++) await Round();
        await WaitForIdle();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < 60; i++) await Round();
        await WaitForIdle();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        // 60 rounds of 1.6 MB of audio each: kept, they would be ~100 MB.
        Assert.True(after - before < 16_000_000, $"managed memory grew by {(after - before) / 1e6:F1} MB over 60 abusive clients");
    }
}
