using EdgeVoice.Core;
using EdgeVoice.Intents;
using EdgeVoice.Mqtt;
using EdgeVoice.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Host.Tests;

public sealed class RemoteCommandsHostTests
{
    [Fact]
    public async Task Run_wav_is_refused_while_muted_before_anything_is_decoded()
    {
        var controls = new AssistantControls { Muted = true };
        // Nothing past the mute check may be reached: the stages are absent.
        var cmds = new HostRemoteCommands(null!, null!, null!, null!, controls, null!, new ConfigurationBuilder().Build(), new EventBus(),
            NullLogger<HostRemoteCommands>.Instance);
        var e = await Assert.ThrowsAsync<RemoteCommandException>(() => cmds.RunWavAsync("/nonexistent/x.wav", default));
        Assert.Contains("muted", e.Message);
    }

    static ListLogger Options(string baseUrl, string? key)
    {
        var log = new ListLogger();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Intents:Remote:BaseUrl"] = baseUrl, ["Intents:Remote:ApiKey"] = key,
        }).Build();
        using var sp = new ServiceCollection().AddLogging(b => b.AddProvider(log)).AddEdgeVoiceIntents(config).AddCredentialWarnings().BuildServiceProvider();
        _ = sp.GetRequiredService<IOptions<IntentOptions>>().Value;
        return log;
    }

    [Theory]
    [InlineData("http://192.0.2.7:8080/v1", "sk-hidden-123", true)]
    [InlineData("https://api.example.com/v1", "sk-hidden-123", false)]
    [InlineData("http://127.0.0.1:8080/v1", "sk-hidden-123", false)]
    [InlineData("http://192.0.2.7:8080/v1", null, false)]
    public void An_api_key_for_a_plain_http_endpoint_elsewhere_is_warned_about_without_the_key(string url, string? key, bool warned)
    {
        var log = Options(url, key);
        Assert.Equal(warned, log.Count(LogLevel.Warning, "unencrypted") == 1);
        Assert.DoesNotContain(log.Entries, e => e.Text.Contains("sk-hidden"));
    }
}
