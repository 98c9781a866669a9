using EdgeVoice.Core;
using EdgeVoice.Speech.PocketSphinx;

namespace EdgeVoice.Speech.Tests;

/// <summary>Decoders load only the dictionary entries their grammars use (Debian's cmudict-en-us).</summary>
public sealed class DictionaryFileTests
{
    static readonly string Cmudict = new SpeechOptions().Dictionary;

    [Fact]
    public void Lookup_gives_every_pronunciation_in_the_dictionary_order_and_leaves_out_unknown_words()
    {
        var found = DictionaryFile.Lookup(Cmudict, ["read", "start", "zqxjv"]);
        Assert.Equal(["R EH D", "R IY D"], found["read"]);
        Assert.Equal(["S T AA R T"], found["start"]);
        Assert.False(found.ContainsKey("zqxjv"));
        Assert.False(found.ContainsKey("read's")); // a longer word that starts the same
    }

    [Fact]
    public void Write_names_the_variants_as_pocketsphinx_reads_them_and_a_decoder_loads_the_file()
    {
        var path = DictionaryFile.Write(DictionaryFile.Lookup(Cmudict, ["read", "heater"]));
        try
        {
            Assert.Equal(["heater HH IY T ER", "read R EH D", "read(2) R IY D"], File.ReadAllLines(path));
            using var d = Decoder.Create(new Dictionary<string, string> { ["-hmm"] = new SpeechOptions().AcousticModel, ["-dict"] = path, ["-logfn"] = "/dev/null" });
            Assert.Equal("R IY D", d.Phones("read(2)"));
            Assert.Null(d.Phones("start"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task A_device_word_added_later_gets_the_dictionary_pronunciation_not_a_guess()
    {
        var monitor = new Profiles.Monitor<EdgeVoiceOptions>(Profiles.Home);
        using var g = SpeechFixtures.Grammar(monitor);
        var clip = await SpeechFixtures.SayAsync("turn on the aquarium");
        Assert.False((await g.TranscribeAsync(clip)).IsCommand);

        SpeechFixtures.AddDevice(monitor, "aquarium", "aquarium", "living room", "switch");

        var t = await g.TranscribeAsync(clip);
        Assert.True(t.IsCommand && t.Text == "turn on the aquarium", $"heard '{t.Text}' (candidate '{t.Candidate}', margin {t.Margin:F1})");
        Assert.All(g.Decoders.Phones("aquarium"), p => Assert.Equal("AH K W EH R IY AH M", p));
    }
}
