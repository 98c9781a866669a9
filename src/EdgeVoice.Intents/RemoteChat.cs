using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Intents;

/// <summary>Opt-in OpenAI-compatible chat completions (a bigger model on the network). Never required.</summary>
public sealed class RemoteChat(HttpClient http, IOptions<IntentOptions> options, ILogger<RemoteChat> log)
{
    RemoteOptions O => options.Value.Remote;
    public bool Enabled => O.Enabled;

    /// <summary>The model's reply text, or null on timeout, HTTP error or a malformed response (logged).</summary>
    public async Task<string?> AskAsync(string system, string user, int maxTokens, CancellationToken ct)
    {
        if (!Enabled) return null;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(O.TimeoutSeconds));
        var url = O.BaseUrl!.TrimEnd('/') + "/chat/completions";
        using var req = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new
            {
                model = O.Model,
                max_tokens = maxTokens,
                temperature = 0,
                messages = new[] { new { role = "system", content = system }, new { role = "user", content = user } },
            }),
        };
        var key = O.ApiKey ?? Environment.GetEnvironmentVariable("EDGEVOICE_REMOTE_API_KEY");
        if (!string.IsNullOrEmpty(key)) req.Headers.Authorization = new("Bearer", key);
        try
        {
            using var resp = await http.SendAsync(req, cts.Token);
            var body = await resp.Content.ReadAsStringAsync(cts.Token);
            if (!resp.IsSuccessStatusCode)
            {
                log.LogWarning("remote model {Model} at {Url}: HTTP {Status}", O.Model, O.BaseUrl, (int)resp.StatusCode);
                return null;
            }
            var text = JsonNode.Parse(body)?["choices"]?[0]?["message"]?["content"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(text)) { log.LogWarning("remote model {Model}: response without choices[0].message.content", O.Model); return null; }
            log.LogInformation("answered by remote model {Model}", O.Model);
            return text.Trim();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("remote model {Model} did not answer within {Timeout} s; using the local answer", O.Model, O.TimeoutSeconds);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            log.LogWarning("remote model {Model} failed: {Message}", O.Model, e.Message);
            return null;
        }
    }
}
