using EdgeVoice.Core;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.Testing;

namespace EdgeVoice.Speech.Tests;

public sealed class GrammarTests
{
    [Fact]
    public void Grammar_names_every_configured_device_and_nothing_else()
    {
        var g = CommandGrammar.Build(Profiles.Home.Devices);
        foreach (var d in Profiles.Home.Devices.Where(d => d.Actions.Count > 0))
            Assert.Contains(CommandGrammar.SpokenForm(d.Name), g);
        Assert.DoesNotContain("conveyor", g);
        Assert.DoesNotContain("living room fan | kettle | conveyor", g);
    }

    [Fact]
    public void A_template_only_applies_to_devices_that_allow_its_action()
    {
        var devices = new List<DeviceOptions>
        {
            new() { Id = "fan", Name = "fan", Type = "fan", Actions = [IntentNames.TurnOn] },
        };
        var g = CommandGrammar.Build(devices);
        Assert.Contains("on [the] (fan | garage light", g);
        Assert.DoesNotContain("off [the] (fan", g); // HassTurnOff not allowed
        Assert.DoesNotContain("degrees", g.Split('\n').First(l => l.StartsWith("public")));
    }

    [Fact]
    public void A_word_of_a_sentence_the_devices_take_is_no_decoy()
    {
        var fan = new DeviceOptions { Id = "fan", Name = "fan", Type = "fan", Actions = [IntentNames.TurnOn] };
        var gate = new DeviceOptions { Id = "gate", Name = "side gate", Type = "lock", Actions = [IntentNames.TurnOn] };
        Assert.Contains("lock", CommandGrammar.DecoysFor([fan]));
        Assert.True(CommandGrammar.MentionsDecoy("turn on the lock", [fan]));
        // "lock [the] {name}" applies once a lock is configured: its words are commands, not decoys.
        Assert.DoesNotContain("lock", CommandGrammar.DecoysFor([fan, gate]));
        Assert.False(CommandGrammar.MentionsDecoy("lock the side gate", [fan, gate]));
        // Own words: every template's words (with or without a device they apply to) and the configured names'.
        var own = CommandGrammar.OwnWords([fan, gate]).ToList();
        foreach (var w in new[] { "unlock", "lock", "timer", "side", "gate", "fan" }) Assert.Contains(w, own);
        Assert.DoesNotContain("garage", own);
        Assert.Equal(own.Count, own.Distinct().Count());
    }

    [Fact]
    public void Answers_to_a_confirmation_question_are_a_grammar_of_their_own()
    {
        static string Public(string g) => g.Split('\n').First(l => l.StartsWith("public"));
        var devices = Profiles.Factory.Devices;
        Assert.DoesNotContain("<reply>", Public(CommandGrammar.Build(devices)));
        var answers = CommandGrammar.Build(devices, answers: true);
        Assert.Contains("<reply>", Public(answers));
        Assert.Contains("<t0>", Public(answers)); // a new command instead of an answer is still heard
        foreach (var w in Replies.Yes.Concat(Replies.No).SelectMany(a => a.Split(' '))) Assert.Contains(w, CommandGrammar.Words(answers));
    }

    [Fact]
    public void Without_devices_only_device_free_commands_remain()
    {
        var g = CommandGrammar.Build([]);
        var rules = g.Split('\n').Where(l => l.StartsWith("<t")).ToList();
        Assert.Single(rules);
        Assert.Contains("timer", rules[0]);
    }

    [Theory]
    [InlineData("dʒˈɑːɹvɪs", "JH AA R V IH S")]
    [InlineData("kˈɛɾəl", "K EH T AH L")]
    [InlineData("θˈɜːməstˌæt", "TH ER M AH S T AE T")]
    public void Ipa_maps_onto_the_acoustic_model_phones(string ipa, string arpa)
    {
        Assert.Equal(arpa, Pronunciations.FromIpa(ipa));
    }

    [Theory]
    [InlineData("S T AA R T", "S T AA T")]
    [InlineData("G AA R D AH N", "G AA D AH N")]
    [InlineData("K AA R", null)]              // word-final: linked or not, left as the dictionary has it
    [InlineData("S AA R IY", null)]           // before a vowel the R is said in every accent
    [InlineData("F AO R T IY", null)]         // AO R: measured worse ("five" heard as "forty")
    [InlineData("S T AA P", null)]
    public void Pre_consonantal_r_after_aa_gets_a_non_rhotic_variant(string phones, string? variant) =>
        Assert.Equal(variant, Pronunciations.NonRhotic(phones));

    [Fact]
    public void Espeak_guesses_pronunciations_for_unknown_words()
    {
        Repo.RequireTool("espeak-ng");
        var phones = Pronunciations.Guess(new SpeechOptions().EspeakPath, "zigbeeplug").Split(' ');
        Assert.Contains("Z", phones);
        Assert.True(phones.Length >= 6, string.Join(' ', phones));
    }
}
