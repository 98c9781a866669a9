using EdgeVoice.Testing;
using Xunit.Abstractions;

namespace EdgeVoice.Speech.Tests;

/// <summary>Runs the speech bench only when EDGEVOICE_BENCH=1 (it takes minutes; scripts/bench.sh territory).</summary>
public sealed class BenchRun(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Speech_bench()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("EDGEVOICE_BENCH") == "1", "set EDGEVOICE_BENCH=1 to run the speech bench");
        var w = new StringWriter();
        var rows = await Bench.RunAsync(Profiles.Home, w);
        output.WriteLine(w.ToString());
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "speech-bench.txt"), w.ToString());
        Assert.NotEmpty(rows);
    }
}
