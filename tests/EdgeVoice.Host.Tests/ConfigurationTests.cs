using EdgeVoice.Core;
using EdgeVoice.Host.Cli;
using EdgeVoice.Testing;
using Microsoft.Extensions.Configuration;

namespace EdgeVoice.Host.Tests;

public sealed class ConfigurationTests
{
    static EdgeVoiceOptions Bind(IConfiguration c) => c.Get<EdgeVoiceOptions>()!;

    [Fact]
    public void Default_profile_is_the_home_with_its_devices()
    {
        var o = Bind(AppHost.BuildConfiguration(null));
        Assert.Equal("home", o.Profile);
        Assert.Contains(o.Devices, d => d.Id == "kitchen_light" && d.CommandTopic == "home/kitchen/light/set");
        Assert.Contains(o.Devices, d => d.Id == "thermostat" && d.Allows(IntentNames.ClimateSetTemperature));
    }

    [Fact]
    public void Environment_selects_the_factory_profile_and_overrides_values()
    {
        Environment.SetEnvironmentVariable("EDGEVOICE__Profile", "factory");
        Environment.SetEnvironmentVariable("EDGEVOICE__NodeId", "line1");
        try
        {
            var o = Bind(AppHost.BuildConfiguration(null));
            Assert.Equal("line1", o.NodeId);
            Assert.Contains(o.Devices, d => d.Id == "press" && d.Confirm.Contains(IntentNames.TurnOn));
            Assert.DoesNotContain(o.Devices, d => d.Id == "kitchen_light");
        }
        finally
        {
            Environment.SetEnvironmentVariable("EDGEVOICE__Profile", null);
            Environment.SetEnvironmentVariable("EDGEVOICE__NodeId", null);
        }
    }

    [Fact]
    public void A_config_file_with_devices_replaces_the_profile_devices()
    {
        var f = Path.Combine(Repo.TempDir("cfg"), "garage.json");
        File.WriteAllText(f, """{ "Devices": [ { "Id": "garage_door", "Name": "garage door", "Type": "cover", "Actions": ["HassTurnOn"], "CommandTopic": "home/garage/door/set" } ] }""");
        var o = Bind(AppHost.BuildConfiguration(f));
        Assert.Single(o.Devices);
        Assert.Equal("garage_door", o.Devices[0].Id);
    }

    [Fact]
    public void Unknown_profile_and_bad_config_file_are_clear_startup_errors()
    {
        var bad = Path.Combine(Repo.TempDir("cfg"), "bad.json");
        File.WriteAllText(bad, "{ not json");
        Assert.Contains("invalid JSON", Assert.Throws<StartupException>(() => AppHost.BuildConfiguration(bad)).Message);
        Assert.Contains("not found", Assert.Throws<StartupException>(() => AppHost.BuildConfiguration("/nonexistent.json")).Message);
        var unknown = Path.Combine(Repo.TempDir("cfg"), "p.json");
        File.WriteAllText(unknown, """{ "Profile": "spaceship" }""");
        var e = Assert.Throws<StartupException>(() => AppHost.BuildConfiguration(unknown));
        Assert.Contains("spaceship", e.Message);
        Assert.Contains("factory", e.Message); // lists the profiles that exist
    }

    [Theory]
    [InlineData(new[] { "simulate" }, "needs --wav")]
    [InlineData(new[] { "simulate", "--wav" }, "needs a value")]
    [InlineData(new[] { "simulate", "--wav", "a.wav", "--stream", "b.wav" }, "either")]
    [InlineData(new[] { "fly" }, "unknown command")]
    [InlineData(new[] { "run", "--loud" }, "unknown option")]
    public void Bad_command_lines_are_rejected_with_a_reason(string[] args, string expected)
    {
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => CliArgs.Parse(args)).Message);
    }

    [Fact]
    public void Simulate_accepts_several_wavs_and_flags()
    {
        var a = CliArgs.Parse(["simulate", "--wav", "a.wav", "--wav", "b.wav", "--json", "--reply-dir", "r", "--config", "c.json"]);
        Assert.Equal(["a.wav", "b.wav"], a.Wavs);
        Assert.True(a.Json);
        Assert.Equal("r", a.ReplyDir);
        Assert.Equal("c.json", a.ConfigFile);
    }

    [Fact]
    public void Simulate_takes_the_files_a_shell_glob_gives_one_wav()
    {
        // `simulate --wav recordings/*.wav`: the shell passes every file after the one --wav.
        var a = CliArgs.Parse(["simulate", "--wav", "a.wav", "b.wav", "c.wav", "--json", "--wav", "d.wav"]);
        Assert.Equal(["a.wav", "b.wav", "c.wav", "d.wav"], a.Wavs);
        Assert.True(a.Json);
        Assert.Contains("needs a value", Assert.Throws<ArgumentException>(() => CliArgs.Parse(["simulate", "--wav", "--json"])).Message);
    }

    [Fact]
    public void Wake_train_takes_a_phrase_an_output_and_if_missing()
    {
        var a = CliArgs.Parse(["wake-train", "--phrase", "ok kitchen", "--out", "x.head", "--if-missing"]);
        Assert.Equal("wake-train", a.Verb);
        Assert.Equal("ok kitchen", a.Phrase);
        Assert.Equal("x.head", a.Out);
        Assert.True(a.IfMissing);
    }
}
