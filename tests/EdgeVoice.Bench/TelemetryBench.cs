using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using EdgeVoice.Telemetry;

namespace EdgeVoice.Bench;

/// <summary>median cost of one sysfs read (thermal zones + power supplies) on this machine.</summary>
public static class TelemetryBench
{
    public static void Run(TextWriter output, string sysfsRoot = "/sys", int iterations = 200)
    {
        var reader = new SysfsTelemetryReader(Options.Create(new TelemetryOptions { SysfsRoot = sysfsRoot }),
            NullLogger<SysfsTelemetryReader>.Instance);
        var times = new List<double>(iterations);
        TelemetrySnapshot last = reader.Read();
        for (int i = 0; i < iterations; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            last = reader.Read();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }
        times.Sort();
        output.WriteLine(FormattableString.Invariant($"telemetry.sysfs_read_us median={times[times.Count / 2]:0.0} n={iterations} ") +
            TelemetryService.Describe(last, throttled: false));
    }
}
