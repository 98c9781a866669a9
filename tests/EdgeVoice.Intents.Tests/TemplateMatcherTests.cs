using EdgeVoice.Intents.Templates;

namespace EdgeVoice.Intents.Tests;

public sealed class TemplateMatcherTests
{
    static TemplateMatcher Matcher(string yaml, TemplateHome? home = null)
    {
        var dir = Repo.TempDir("tpl");
        var file = Path.Combine(dir, "t.yaml");
        File.WriteAllText(file, yaml);
        var set = new TemplateSet();
        TemplateLoader.LoadFile(set, file);
        return new TemplateMatcher(set, home ?? Home());
    }

    static TemplateHome Home()
    {
        var home = new TemplateHome();
        home.Floors.Add(new("up", "Upstairs"));
        home.Areas.Add(new("kitchen", "Kitchen", "up"));
        home.Areas.Add(new("living", "Living Room"));
        home.Entities.Add(new("light.lamp", "Desk Lamp", "light", "kitchen"));
        home.Entities.Add(new("cover.door", "Garage Door", "cover"));
        return home;
    }

    const string Lights = """
        intents:
          HassTurnOn:
            data:
              - sentences: ["<turn> on [the] {name}", "(switch;on) {name}"]
                requires_context: { domain: light }
              - sentences: ["<turn> on [the] light[s] [<here>]"]
                slots: { domain: light }
                requires_context: { area: { slot: true } }
              - sentences: ["open [the] {name}"]
                excludes_context: { domain: [light] }
          HassLightSet:
            data:
              - sentences: ["set {name} to {brightness}[ ]%", "dim {name} by {half} percent"]
        lists:
          brightness: { range: { from: 0, to: 100 } }
          half: { range: { from: 1, to: 10, multiplier: 5 } }
        expansion_rules:
          turn: "(turn|switch)"
          here: "in (here|this room)"
        """;

    [Theory]
    [InlineData("turn on the desk lamp", "HassTurnOn", "name=Desk Lamp")]
    [InlineData("Switch on Desk Lamp!", "HassTurnOn", "name=Desk Lamp")]
    [InlineData("on switch desk lamp", "HassTurnOn", "name=Desk Lamp")]
    [InlineData("open the garage door", "HassTurnOn", "name=Garage Door")]
    [InlineData("set desk lamp to 40%", "HassLightSet", "brightness=40,name=Desk Lamp")]
    [InlineData("set desk lamp to forty five %", "HassLightSet", "brightness=45,name=Desk Lamp")]
    [InlineData("dim desk lamp by 3 percent", "HassLightSet", "half=15,name=Desk Lamp")]
    public void Templates_match_with_their_slots(string text, string intent, string slots)
    {
        var m = Matcher(Lights).Match(text);
        Assert.NotNull(m);
        Assert.Equal(intent, m.Intent);
        Assert.Equal(slots, string.Join(",", m.Slots.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value.Value}")));
    }

    [Theory]
    [InlineData("turn on the garage door")]      // requires_context domain light: a cover is not
    [InlineData("open the desk lamp")]           // excludes_context domain light
    [InlineData("turn on the desk lamps")]       // no such name
    [InlineData("turn on the lights in here")]   // "in here" needs the satellite's area
    [InlineData("set desk lamp to 140%")]        // out of range
    [InlineData("turn onthe desk lamp")]         // words must be whole
    public void Sentences_outside_the_templates_or_their_context_do_not_match(string text) =>
        Assert.Null(Matcher(Lights).Match(text));

    [Fact]
    public void In_here_means_the_satellites_own_area()
    {
        var m = Matcher(Lights).Match("turn on the lights in this room", new Dictionary<string, string> { ["area"] = "Kitchen" });
        Assert.NotNull(m);
        Assert.Equal("Kitchen", m.Slots["area"].Value);
        Assert.Equal("light", m.Slots["domain"].Value);
    }

    [Fact]
    public void Wildcards_take_the_words_between_literal_text_and_lose_to_exact_matches()
    {
        var matcher = Matcher("""
            intents:
              Play:
                data:
                  - sentences: ["play {query} in [the] {area}", "play {query}"]
              Exact:
                data:
                  - sentences: ["play the news"]
            lists:
              query: { wildcard: true }
            """);
        var m = matcher.Match("play the office in the living room")!;
        Assert.Equal("the office", m.Slots["query"].Value);
        Assert.Equal("Living Room", m.Slots["area"].Value);
        Assert.Equal("Exact", matcher.Match("play the news")!.Intent);
        Assert.Equal("Play", matcher.Match("play the news please")!.Intent);
    }

    [Fact]
    public void Skip_words_are_dropped_and_value_lists_give_their_out_values()
    {
        var matcher = Matcher("""
            intents:
              HassGetState:
                data:
                  - sentences: ["is [the] {name} {state}"]
            lists:
              state:
                values:
                  - in: "(closed|shut)"
                    out: closed
                  - open
            skip_words: ["can you tell me", "please"]
            """);
        var m = matcher.Match("can you tell me is the garage door shut please")!;
        Assert.Equal("closed", m.Slots["state"].Value);
        Assert.Equal("shut", m.Slots["state"].Text);
        Assert.Equal("open", matcher.Match("is garage door open")!.Slots["state"].Value);
    }

    [Fact]
    public void A_sentence_naming_an_unknown_rule_is_left_out_and_reported()
    {
        var matcher = Matcher("""
            intents:
              A:
                data:
                  - sentences: ["hello <nowhere>", "hello there"]
            """);
        Assert.Equal(1, matcher.SentenceCount);
        Assert.Contains(matcher.Skipped, s => s.Contains("<nowhere>"));
        Assert.Equal("A", matcher.Match("hello there")!.Intent);
    }

    [Theory]
    [InlineData("turn on (the")]
    [InlineData("turn on the]")]
    [InlineData("turn on {name")]
    public void Bad_templates_are_rejected_with_the_place(string template) =>
        Assert.Contains("template", Assert.Throws<FormatException>(() => TemplateParser.Parse(template)).Message);
}
