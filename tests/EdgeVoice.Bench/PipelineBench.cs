using System.Diagnostics;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Host;
using EdgeVoice.Host.Cli;
using EdgeVoice.Host.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace EdgeVoice.Bench;

/// <summary>The whole loop on the sample commands, in process: per-stage median/p95, STT real-time factor, RSS.</summary>
public static class PipelineBench
{
    public static async Task RunAsync(string samplesDir, int rounds)
    {
        var wavs = Directory.GetFiles(samplesDir, "*.wav").Order().ToArray();
        if (wavs.Length == 0) throw new InvalidOperationException($"no samples in {samplesDir}: run scripts/make-samples.sh");
        var cli = CliArgs.Parse(["simulate", "--wav", wavs[0]]);
        var builder = AppHost.CreateBuilder(cli);
        builder.Services.RemoveAll<IAudioOutput>();
        builder.Services.AddSingleton<IAudioOutput>(new WavFileOutput(Path.Combine(Path.GetTempPath(), "edgevoice-bench")));
        var memory = new StageMemory();
        memory.Mark("bench start (runtime, clips not loaded)");
        Decorate<ISpeechToText>(builder.Services, s => new StageMemory.Stt(s, memory));
        Decorate<IIntentRecognizer>(builder.Services, i => new StageMemory.Intents(i, memory));
        var start = Stopwatch.StartNew();
        using var host = builder.Build();
        await host.StartAsync();
        memory.Mark("host started");
        var pipeline = host.Services.GetRequiredService<VoicePipeline>();
        var clips = wavs.Select(w => (Name: Path.GetFileNameWithoutExtension(w), Clip: AudioConvert.Load(w))).ToArray();

        double firstMs = double.NaN;
        foreach (var (name, clip) in clips)
        {
            await pipeline.ProcessAsync(clip, name); // warm-up: JIT, model load
            if (double.IsNaN(firstMs)) firstMs = start.Elapsed.TotalMilliseconds;
        }
        memory.Mark($"warm-up: {clips.Length} clips");
        var stt = new List<double>(); var intent = new List<double>(); var tts = new List<double>();
        var publish = new List<double>(); var total = new List<double>(); var rtf = new List<double>();
        int errors = 0;
        for (int r = 0; r < rounds; r++)
        {
            foreach (var (name, clip) in clips)
            {
                var rep = await pipeline.ProcessAsync(clip, name);
                if (rep.Error != null) errors++;
                stt.Add(rep.TimingsMs.Stt); intent.Add(rep.TimingsMs.Intent); tts.Add(rep.TimingsMs.Tts);
                publish.Add(rep.TimingsMs.Publish); total.Add(rep.TimingsMs.Total);
                rtf.Add(rep.TimingsMs.Stt / clip.Duration.TotalMilliseconds);
            }
            memory.Mark($"round {r + 1}: {clips.Length} clips");
        }
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10))) await host.StopAsync(stop.Token);

        var t = new Table("stage", "median ms", "p95 ms", "n");
        foreach (var (n, xs) in new[] { ("stt", stt), ("intent", intent), ("tts", tts), ("publish", publish), ("total", total) })
            t.Add(n, Stats.Median(xs), Stats.Percentile(xs, 95), xs.Count);
        t.Print($"Pipeline on {clips.Length} sample commands x {rounds} rounds (errors: {errors})");
        var s = new Table("figure", "value", "target");
        s.Add("STT real-time factor (median)", Stats.Median(rtf).ToString("F3"), "< 1");
        s.Add("total median ms", Stats.Median(total), "<= 800");
        s.Add("peak RSS MB (in-process loop)", Stats.PeakRssMb(), "<= 700");
        s.Add("host start to first result ms (loads the models it uses)", firstMs, "");
        s.Print("Pipeline summary");
        memory.Print("Resident memory of the loop by stage (this process, /proc/self/status)");
    }

    /// <summary>Replaces the service's registration with a wrapper around what it resolved to.</summary>
    static void Decorate<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var d = services.Last(x => x.ServiceType == typeof(T));
        services.Remove(d);
        services.AddSingleton(sp => wrap(d.ImplementationFactory != null ? (T)d.ImplementationFactory(sp)
            : d.ImplementationInstance as T ?? (T)ActivatorUtilities.CreateInstance(sp, d.ImplementationType!)));
    }

    /// <summary>Cold start: a fresh CLI process from launch to its JSON line and exit.</summary>
    public static async Task ColdStartAsync(string cliPath, string wav, int runs, IDictionary<string, string> env)
    {
        var times = new List<double>();
        string rss = "n/a";
        for (int i = 0; i < runs; i++)
        {
            var psi = new ProcessStartInfo(cliPath) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "simulate", "--json", "--wav", wav }) psi.ArgumentList.Add(a);
            foreach (var (k, v) in env) psi.Environment[k] = v;
            var sw = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            times.Add(sw.Elapsed.TotalMilliseconds);
            var text = await err;
            var m = System.Text.RegularExpressions.Regex.Match(text, @"peak RSS (\d+) MB");
            if (m.Success) rss = m.Groups[1].Value;
        }
        var t = new Table("figure", "median ms", "min ms", "runs");
        t.Add("cold start: launch → JSON line → exit", Stats.Median(times), times.Min(), runs);
        t.Print("Cold start of the published CLI");
    }
}
