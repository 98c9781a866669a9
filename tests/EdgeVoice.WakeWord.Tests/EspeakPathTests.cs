using EdgeVoice.Testing;
using EdgeVoice.WakeWord.Training;

namespace EdgeVoice.WakeWord.Tests;

/// <summary>Training audio and near misses come from the espeak-ng that Speech:EspeakPath names, started without secrets.</summary>
public sealed class EspeakPathTests
{
    [Fact]
    public void The_configured_espeak_speaks_the_training_audio_and_the_near_misses()
    {
        var real = Repo.RequireTool("espeak-ng");
        var dir = Repo.TempDir("espeak-path");
        var log = Path.Combine(dir, "calls.txt");
        var wrapper = Path.Combine(dir, "my-espeak");
        File.WriteAllText(wrapper, $"#!/bin/sh\nprintf '%s|%s\\n' \"${{EDGEVOICE__Test__Password:-none}}\" \"$*\" >> '{log}'\nexec '{real}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment.SetEnvironmentVariable("EDGEVOICE__Test__Password", "never-shown");
        try
        {
            var audio = new Synth(Path.Combine(dir, "cache"), wrapper).Say("good morning");
            Assert.True(audio.Length > 8000, $"{audio.Length} samples");
            Assert.Contains("hey jarv", TrainingText.NearMisses("hey jarvis", 1, wrapper));
        }
        finally { Environment.SetEnvironmentVariable("EDGEVOICE__Test__Password", null); }

        var calls = File.ReadAllLines(log);
        Assert.Contains(calls, c => c.StartsWith("none|") && c.Contains("-w") && c.EndsWith("good morning"));
        Assert.Contains(calls, c => c.StartsWith("none|-q -x -v en-us hey jarvis"));
        Assert.All(calls, c => Assert.StartsWith("none|", c));
    }

    [Fact]
    public void A_configured_espeak_that_is_not_there_is_named_in_the_error()
    {
        var missing = Path.Combine(Repo.TempDir("espeak-path"), "no-espeak");
        var e = Assert.Throws<InvalidOperationException>(() => new Synth(Repo.TempDir("espeak-cache"), missing).Say("hello"));
        Assert.Contains(missing, e.Message);
        Assert.Contains(missing, Assert.Throws<InvalidOperationException>(() => TrainingText.NearMisses("hey jarvis", 1, missing)).Message);
    }
}
