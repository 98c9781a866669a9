using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Mqtt;
using EdgeVoice.Testing;

namespace EdgeVoice.Host.Tests;

/// <summary>Home Assistant's intents through the real CLI: to-do lists on a configured device's own topic, and the
/// service's first command, which only the templates understand.</summary>
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

    /// <summary>
    /// `edgevoice run` hears "hey jarvis, turn off the lights in here" right after start-up, while the templates may
    /// still be compiling in the background. Only the templates know "in here" (the satellite's own area), so the
    /// office's standing light goes off only if that first command waits for them, and their "ready" line comes before its result.
    /// With the compile held until the first utterance (Intents:TemplateCompileWaitsForFirstUtterance) the command surely
    /// arrives before the templates are ready: it waits for them, and is neither lost nor answered without them.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_first_command_after_start_up_is_understood_by_the_templates(bool beforeTheTemplates)
    {
        const string command = "turn off the lights in here";
        await using var broker = await MosquittoBroker.StartAsync();
        using var run = new ServiceRun("startup-templates");
        var speech = new List<float>(new float[AudioClip.PipelineRate / 2]);
        foreach (var phrase in new[] { "hey jarvis", command })
        {
            speech.AddRange(SilenceTrim.Trim(AudioConvert.Load(await Espeak.SayAsync(phrase, run.Dir, "en-us", 150)), 40, 0).Samples);
            speech.AddRange(new float[AudioClip.PipelineRate * 6 / 10]);
        }
        speech.AddRange(new float[AudioClip.PipelineRate * 2]);
        var microphone = Path.Combine(run.Dir, "first-command.wav");
        WavWriter.Write(microphone, new AudioClip([.. speech]));
        run.Env["EDGEVOICE__Audio__InputFile"] = microphone;
        run.Env["EDGEVOICE__Mqtt__Port"] = broker.Port.ToString();
        run.Env["EDGEVOICE__Speech__GrammarSource"] = "both"; // the recogniser hears HA's sentences too
        run.Env["EDGEVOICE__Speech__ConfirmMargin"] = "0"; // acted on, not asked back: the intents are under test here
        run.Env["EDGEVOICE__Speech__ConfirmWhenCold"] = "false"; // likewise (its first pass heard "turn our bed light to two")
        run.Env["EDGEVOICE__Profile"] = "speech-dev";
        run.Env["EDGEVOICE__Intents__SatelliteArea"] = "office";
        run.Env["EDGEVOICE__Intents__TemplateCompileWaitsForFirstUtterance"] = beforeTheTemplates.ToString();
        await using var sub = await MqttSub.StartAsync(broker, "dev/#");

        var r = await run.RunAsync();

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.StdErr}");
        var got = await sub.WaitForAsync(m => m.Count > 0, TimeSpan.FromSeconds(10));
        Assert.True(got.SequenceEqual([("dev/standing_light/set", "{\"state\":\"OFF\"}")]), // the light domain's default payload
            $"published: {string.Join("; ", got)}\n{r.StdErr}");
        var lines = r.StdErr.Split('\n');
        int ready = Array.FindIndex(lines, l => l.Contains("sentence templates ready"));
        int handled = Array.FindIndex(lines, l => l.Contains("→ 1 intent(s)")); // as heard: "turn all the lights in here out" is the same command
        Assert.True(ready >= 0 && handled > ready, $"templates ready at line {ready}, command handled at line {handled}\n{r.StdErr}");
        if (!beforeTheTemplates) return;
        int wake = Array.FindIndex(lines, l => l.Contains("wake word 'hey jarvis'"));
        Assert.True(wake >= 0 && wake < ready, $"wake word at line {wake}, templates ready at line {ready}: the command did not arrive during the compile\n{r.StdErr}");
    }

    /// <summary>
    /// The speech-dev profile (speech-to-phrase's test home) hears with Speech:GrammarSource ondevice, the grammar that says
    /// its timer sentences: Piper's "status of the timers" is heard and answered. The default grammar cannot say it.
    /// </summary>
    [Theory]
    [InlineData(null, true)]
    [InlineData("commands", false)]
    public async Task The_speech_dev_profile_hears_the_timer_sentences(string? grammarSource, bool heard)
    {
        const string said = "status of the timers";
        var dir = Repo.TempDir("speech-dev-timers");
        var env = new Dictionary<string, string> { ["EDGEVOICE__Profile"] = "speech-dev" };
        if (grammarSource is not null) env["EDGEVOICE__Speech__GrammarSource"] = grammarSource;

        var run = await SimulateCli.SimulateWithBrokerAsync([Repo.Piper(said)], dir, env);

        Assert.True(run.ExitCode == 0 && run.Lines.Count == 1, $"exit {run.ExitCode}\n{run.StdErr}");
        var line = run.Lines[0];
        var intent = line.GetProperty("intent");
        bool understood = line.GetProperty("transcript").GetString() == said
            && intent.ValueKind == JsonValueKind.Object && intent.GetProperty("name").GetString() == IntentNames.TimerStatus;
        Assert.True(heard == understood, $"heard '{line.GetProperty("transcript")}', intent {intent}, reply '{line.GetProperty("reply")}'\n{run.StdErr}");
    }

    [Fact]
    public async Task The_speech_dev_profile_answers_a_temperature_question_not_the_time()
    {
        // Piper's "what's the temp" was heard, for sure, as "what's the time" while the grammar had no temperature question.
        const string said = "what's the temp";
        var run = await SimulateCli.SimulateWithBrokerAsync([Repo.Piper(said)], Repo.TempDir("speech-dev-temp"),
            new Dictionary<string, string> { ["EDGEVOICE__Profile"] = "speech-dev" });

        Assert.True(run.ExitCode == 0 && run.Lines.Count == 1, $"exit {run.ExitCode}\n{run.StdErr}");
        var line = run.Lines[0];
        Assert.Equal(said, line.GetProperty("transcript").GetString());
        var intent = line.GetProperty("intent");
        Assert.Equal(IntentNames.ClimateGetTemperature, intent.GetProperty("name").GetString());
        Assert.Equal("ecobee", intent.GetProperty("device").GetString());
        // Nothing publishes the ecobee's state in the simulation: the answer says so rather than guess.
        Assert.Equal("I don't know the temperature of the ecobee yet.", line.GetProperty("reply").GetString());
    }
}
