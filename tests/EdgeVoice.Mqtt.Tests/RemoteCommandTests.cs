using System.Text.Json;
using EdgeVoice.Testing;

namespace EdgeVoice.Mqtt.Tests;

public class RemoteCommandTests
{
    static async Task<List<(string Topic, string Payload)>> ErrorsAsync(MqttSub errors, int count)
    {
        await errors.WaitForAsync(l => l.Count >= count, TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        return [.. errors.Messages];
    }

    static string Error((string Topic, string Payload) m) => JsonDocument.Parse(m.Payload).RootElement.GetProperty("error").GetString()!;

    [Fact]
    public async Task Run_wav_refuses_a_folder_symlink_that_leads_out_of_RunWavDir_and_plays_the_resolved_file()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var real = Repo.TempDir("wavs");
        File.WriteAllBytes(Path.Combine(real, "ok.wav"), new byte[64]);
        var wavDir = Path.Combine(Repo.TempDir("wavlink"), "wavs");
        File.CreateSymbolicLink(wavDir, real);                    // RunWavDir itself may be a link
        var secret = Repo.TempDir("private");
        File.WriteAllBytes(Path.Combine(secret, "x.wav"), new byte[64]);
        Directory.CreateSymbolicLink(Path.Combine(real, "linked"), secret); // a folder inside that leads out
        File.CreateSymbolicLink(Path.Combine(real, "alias.wav"), "ok.wav");

        await using var n = await Node.StartAsync(broker, "wl", Repo.TempDir("outbox"), wavDir: wavDir);
        await using var errors = await MqttSub.StartAsync(broker, "edgevoice/wl/error");
        await Kit.Pub(broker, "edgevoice/wl/cmd/run_wav", "{\"path\":\"linked/x.wav\"}");
        await Kit.Pub(broker, "edgevoice/wl/cmd/run_wav", "{\"path\":\"alias.wav\"}");
        var got = await ErrorsAsync(errors, 1);
        Assert.Contains("links outside", Error(got.Single()));
        var end = DateTime.UtcNow.AddSeconds(5);
        while (n.Handler.Calls.IsEmpty && DateTime.UtcNow < end) await Task.Delay(50);
        Assert.Equal(["wav:" + Path.Combine(real, "ok.wav")], n.Handler.Calls);
    }

    [Fact]
    public async Task Say_and_run_wav_are_rate_limited_and_other_commands_are_not()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var wavDir = Repo.TempDir("wavs");
        File.WriteAllBytes(Path.Combine(wavDir, "a.wav"), new byte[64]);
        await using var n = await Node.StartAsync(broker, "rl", Repo.TempDir("outbox"), wavDir: wavDir,
            settings: new() { ["Mqtt:RemoteCommandsPerMinute"] = "3" });
        await using var errors = await MqttSub.StartAsync(broker, "edgevoice/rl/error");
        for (int i = 0; i < 5; i++)
        {
            await Kit.Pub(broker, "edgevoice/rl/cmd/say", $"{{\"text\":\"hello {i}\"}}");
            await Kit.Pub(broker, "edgevoice/rl/cmd/run_wav", "{\"path\":\"a.wav\"}");
            await Kit.Pub(broker, "edgevoice/rl/cmd/volume", $"{{\"level\":{i}}}");
        }
        var got = await ErrorsAsync(errors, 4);
        Assert.Equal(4, got.Count);
        Assert.All(got, m => Assert.Contains("rate limit", Error(m)));
        Assert.Equal(3, n.Handler.Calls.Count(c => c.StartsWith("say:")));
        Assert.Equal(3, n.Handler.Calls.Count(c => c.StartsWith("wav:")));
        Assert.Equal(5, n.Handler.Calls.Count(c => c.StartsWith("volume:")));
    }

    [Theory]
    [InlineData("192.0.2.10", false, true)]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("localhost", false, false)]
    [InlineData("192.0.2.10", true, false)]
    public async Task Credentials_for_a_broker_elsewhere_without_tls_are_warned_about_without_the_secret(string host, bool tls, bool warned)
    {
        var log = new TestLog();
        var o = new MqttOptions { Host = host, Username = "edge", Password = "pw-never-shown", OutboxDir = Repo.TempDir("outbox") };
        o.Tls.Enabled = tls;
        await using var pub = Kit.Publisher(o, Kit.Voice("cred"), log);
        Assert.Equal(warned, log.All.Contains("unencrypted"));
        Assert.DoesNotContain("pw-never-shown", log.All);
    }
}
