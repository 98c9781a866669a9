using System.Text.Json.Nodes;

namespace EdgeVoice.Wyoming.Tests;

public class ConfirmTests
{
    [Fact]
    public async Task An_action_that_needs_a_yes_is_asked_back_and_given_only_after_the_yes()
    {
        using var server = new WyomingServer(new WyomingOptions { Enabled = true, Host = "127.0.0.1", Port = 0 }, new WyomingStages { Intents = Engines.Create("factory") });
        await server.StartAsync(default);
        try
        {
            await using var c = await TestClient.ConnectAsync(server.Port);
            await c.SendAsync("recognize", new JsonObject { ["text"] = "start the press" });
            var q = await c.ExpectAsync("intent", "not-recognized");
            Assert.Equal("not-recognized", q.Type);
            Assert.Contains("yes or no", q.Data["text"]!.GetValue<string>());
            await c.SendAsync("recognize", new JsonObject { ["text"] = "yes" });
            var i = await c.ExpectAsync("intent", "not-recognized");
            Assert.Equal("HassTurnOn", i.Data["name"]!.GetValue<string>());
            Assert.Contains(i.Data["entities"]!.AsArray(), e => e!["value"]!.ToString() == "press");
        }
        finally { await server.StopAsync(default); }
    }
}
