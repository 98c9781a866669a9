using EdgeVoice.Core;
using EdgeVoice.Testing;
using EdgeVoice.WakeWord.Training;
using Xunit.Abstractions;

namespace EdgeVoice.WakeWord.Tests;

[Collection("streams")]
public class WakeStreamTests(StreamFixture f, ITestOutputHelper log)
{
    [Fact]
    public async Task EveryWakeAndCommandInANoisyStreamIsFound()
    {
        var s = f.Wake;
        using var fe = StreamFixture.FrontEnd();
        var wakes = new List<long>();
        fe.Wake += w => wakes.Add(w.StreamMs);
        var utts = new List<DetectedUtterance>();
        await foreach (var u in fe.RunAsync(new ArraySource(s.Samples))) utts.Add(u);

        var latencies = new List<long>();
        var missed = new List<string>();
        foreach (var t in s.Wakes)
        {
            var u = utts.FirstOrDefault(u => u.WakeAtMs >= t.PhraseStartMs && u.WakeAtMs <= t.CommandEndMs);
            log.WriteLine($"{t.Voice} {t.Wpm} wpm phrase end {t.PhraseEndMs}: {(u == null ? "MISSED" : $"wake {u.WakeAtMs - t.PhraseEndMs:+0;-0} ms, speech end {u.SpeechEndMs - t.CommandEndMs:+0;-0} ms ({u.EndReason})")}");
            if (u == null) { missed.Add($"'{t.Command}' after the wake phrase at {t.PhraseStartMs} ms ({t.Voice}, {t.Wpm} wpm)"); continue; }
            Assert.Equal("wake", u.Trigger);
            Assert.InRange(u.WakeAtMs - t.PhraseEndMs, -300, 600);
            Assert.InRange(u.SpeechEndMs - t.CommandEndMs, -300, 300);
            latencies.Add(u.WakeAtMs - t.PhraseEndMs);
        }
        latencies.Sort();
        log.WriteLine($"median latency {latencies[latencies.Count / 2]} ms; {latencies.Count(l => l <= 300)}/{latencies.Count} within 300 ms");
        // The issue asks for every command in this stream; the noise is seeded (sox -R), so this holds
        // or fails the same way on every machine.
        Assert.True(missed.Count == 0, "missed " + string.Join("; ", missed));
        Assert.InRange(latencies[latencies.Count / 2], -300, 200);
        Assert.Equal(s.Wakes.Count - missed.Count, utts.Count); // nothing else in the stream (chatter, near misses) triggered
    }

    [Fact]
    public async Task NonWakeMaterialRarelyTriggers()
    {
        var s = f.NonWake;
        using var fe = StreamFixture.FrontEnd();
        var wakes = new List<WakeDetected>();
        fe.Wake += wakes.Add;
        await foreach (var _ in fe.RunAsync(new ArraySource(s.Samples))) { }
        foreach (var w in wakes) log.WriteLine($"false wake at {w.StreamMs} ms (score {w.Score:F2}) during {s.WhatAt(w.StreamMs - 400)}");
        // Two hours of real speech, chatter in nine voices, near misses, tones and noise yield at most
        // one wake (issue #3); the false-accept rate itself is measured on more hours by scripts/bench.sh.
        Assert.True(s.Seconds >= 2 * 3600 - 60, $"the non-wake stream is {s.Seconds / 60:F0} min, not 2 h");
        Assert.True(wakes.Count <= 1, $"{wakes.Count} false wakes in {s.Seconds / 3600:F1} h");
        Assert.True(fe.Stats.Frames * 80 >= s.Seconds * 1000 - 80);
    }
}
