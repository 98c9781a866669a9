using EdgeVoice.Intents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Host;

/// <summary>
/// Warns once, when the intent options are first read, that the remote model's API key would travel
/// unencrypted (an http:// endpoint that is not on this machine). The key itself is never logged.
/// (The MQTT password has the same warning in MqttLink.)
/// </summary>
public sealed class CredentialWarnings(ILogger<CredentialWarnings> log) : IPostConfigureOptions<IntentOptions>
{
    public void PostConfigure(string? name, IntentOptions o)
    {
        var key = o.Remote.ApiKey ?? Environment.GetEnvironmentVariable("EDGEVOICE_REMOTE_API_KEY");
        if (string.IsNullOrEmpty(key) || !Uri.TryCreate(o.Remote.BaseUrl, UriKind.Absolute, out var url)) return;
        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
            log.LogWarning("the API key for the remote model goes to {Url} unencrypted (http://): use https:// for Intents:Remote:BaseUrl",
                url.GetLeftPart(UriPartial.Authority));
    }
}

public static class CredentialWarningsExtensions
{
    public static IServiceCollection AddCredentialWarnings(this IServiceCollection s) =>
        s.AddSingleton<IPostConfigureOptions<IntentOptions>, CredentialWarnings>();
}
