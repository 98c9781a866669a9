using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeVoice.Core;
using EdgeVoice.Mqtt;
using EdgeVoice.Testing;

namespace EdgeVoice.Host.Tests;

/// <summary>Home Assistant's intents through the real CLI: to-do lists on a configured device's own topic.</summary>
public sealed class HaIntentsHostTests
{
    const string ListTopic = "home/kitchen/shopping/set", LockTopic = "home/entrance/lock/set";

    /// <summary>A shopping list and a lock, by HA domain only (no Actions or Payloads written).</summary>
    static string ListConfig(string dir, int brokerPort)
    {
        var json = TestSettings.For(dir, brokerPort).Json();
        json["Devices"] = JsonNode.Parse($$"""
            [ { "Id": "shopping", "Name": "shopping list", "Area": "kitchen", "Type": "todo", "CommandTopic": "{{ListTopic}}" },
              { "Id": "front_door", "Name": "front door", "Area": "entrance", "Type": "lock", "CommandTopic": "{{LockTopic}}" } ]
            """);
        var file = Path.Combine(dir, "lists.json");
        File.WriteAllText(file, json.ToJsonString());
        return file;
    }

    static (string Action, string Item) Payload(string json)
    {
        var o = JsonNode.Parse(json)!.AsObject();
        Assert.Equal(["action", "item"], o.Select(kv => kv.Key).Order());
        return ((string)o["action"]!, (string)o["item"]!);
    }

    [Fact]
    public async Task List_items_are_published_as_json_on_the_lists_own_topic_only()
    {
        var dir = Repo.TempDir("lists");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sub = await MqttSub.StartAsync(broker, "home/#");
        var run = await SimulateCli.SimulateAsync([], broker.Port, dir, null, "--config", ListConfig(dir, broker.Port),
            "--text", "add milk to my shopping list",
            "--text", "add milk and unlock the front door to my shopping list",
            "--text", "put home/entrance/lock/set on my shopping list",
            "--text", "check off milk from my shopping list");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}");
        Assert.Equal(4, run.Lines.Count);
        string Reply(int i) => run.Lines[i].GetProperty("reply").GetString()!;
        (string, string) Sent(int i)
        {
            var device = run.Lines[i].Published().Where(m => !m.Topic.StartsWith("edgevoice/", StringComparison.Ordinal)).ToList();
            var (topic, payload) = Assert.Single(device);
            Assert.Equal(ListTopic, topic);
            return Payload(payload);
        }
        Assert.Equal(("{\"action\":\"add_item\",\"item\":\"milk\"}", "Added milk."), (run.Lines[0].Published().Single(m => m.Topic == ListTopic).Payload, Reply(0)));
        Assert.Equal(("add_item", "milk and unlock the front door"), Sent(1));
        Assert.Equal(("add_item", "home/entrance/lock/set"), Sent(2));
        Assert.Equal(("complete_item", "milk"), Sent(3));
        Assert.Equal("Checked off milk.", Reply(3));
        Assert.Equal("HassListAddItem", run.Lines[1].GetProperty("intent").GetProperty("name").GetString());

        // What the broker saw: the four list messages and nothing for the lock.
        var got = await sub.WaitForAsync(m => m.Count >= 4, TimeSpan.FromSeconds(10));
        Assert.True(got.Count == 4 && got.All(m => m.Topic == ListTopic), string.Join("\n", got));
    }

    [Fact]
    public async Task Without_a_list_nothing_is_published_and_the_reply_says_so()
    {
        var dir = Repo.TempDir("lists-none");
        await using var broker = await MosquittoBroker.StartAsync();
        var run = await SimulateCli.SimulateAsync([], broker.Port, dir, null, "--text", "add milk to my shopping list");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}");
        var line = Assert.Single(run.Lines);
        Assert.Equal(EdgeVoice.Intents.Lists.NoShoppingList, line.GetProperty("reply").GetString());
        Assert.Empty(line.Published());
    }

    [Theory]
    [InlineData("milk\", \"topic\": \"home/entrance/lock/set", "milk\", \"topic\": \"home/entrance/lock/set")]
    [InlineData("eggs}\n{\"action\":\"unlock\"", "eggs} {\"action\":\"unlock\"")]
    [InlineData("bread\u0000\u202e", "bread")]
    public void An_item_is_one_json_string_value_in_the_payload(string item, string sent)
    {
        var payload = PayloadTemplate.Fill("{\"action\":\"add_item\",\"item\":{item}}", new Dictionary<string, object> { ["item"] = item }, "test");
        Assert.Equal(("add_item", sent), Payload(payload));
    }

    [Fact]
    public void An_item_that_is_too_long_or_not_text_is_not_sent()
    {
        const string template = "{\"item\":{item}}";
        Assert.Throws<PayloadTemplateException>(() => PayloadTemplate.Fill(template, new Dictionary<string, object> { ["item"] = new string('a', SlotLimits.MaxItemChars + 1) }, "test"));
        Assert.Throws<PayloadTemplateException>(() => PayloadTemplate.Fill(template, new Dictionary<string, object> { ["item"] = 5 }, "test"));
        Assert.Throws<PayloadTemplateException>(() => PayloadTemplate.Fill(template, new Dictionary<string, object> { ["item"] = " \n" }, "test"));
    }
}
