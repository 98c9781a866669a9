using System.Diagnostics;
using System.Text.Json;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Host.Cli;
using EdgeVoice.Host.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace EdgeVoice.Host.Tests;

/// <summary>
/// 10 000 utterances through the pipeline of the service: the real intent engine (home profile), the real
/// MQTT publisher with its on-disk outbox and a Mosquitto broker, the real reply output (WAV files). What
/// is not real, for CI time: the transcript is given as text (no recogniser run) and the reply is a fixed
/// short clip (no espeak-ng process per reply).
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    const int Utterances = 10_000, WarmUp = 1_000;

    static readonly string[] Said =
    [
        "turn on the kitchen light", "make it brighter", "and the living room too", "turn off the kitchen light",
        "set the thermostat to twenty one degrees", "is the kitchen light on", "what time is it",
        "what's fifteen percent of eighty", "switch the kettle on", "open the blinds", "how long should I boil an egg", "yes",
    ];

    sealed class TextAsSpeech : ISpeechToText
    {
        int _next;
        public string Name => "text";
        public Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default) =>
            Task.FromResult(new Transcript(Said[_next++ % Said.Length], 1, Name));
    }

    sealed class ShortReply : ITextToSpeech
    {
        public Task<AudioClip> SynthesizeAsync(string text, CancellationToken ct = default) => Task.FromResult(new AudioClip(new float[3200]));
    }

    sealed record Use(long RssMb, int Handles, int Threads, int Files);

    static Use Measure(params string[] dirs)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return new Use(self.WorkingSet64 >> 20, Directory.GetFileSystemEntries("/proc/self/fd").Length, self.Threads.Count,
            dirs.Sum(d => Directory.Exists(d) ? Directory.GetFiles(d, "*", SearchOption.AllDirectories).Length : 0));
    }

    [Fact]
    public async Task Ten_thousand_utterances_keep_memory_files_and_handles_flat()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var dir = Repo.TempDir("soak");
        string outbox = Path.Combine(dir, "outbox"), replies = Path.Combine(dir, "replies");
        var config = Path.Combine(dir, "config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            ModelsDir = Repo.Models,
            Mqtt = new { Port = broker.Port, OutboxDir = outbox },
            Hardware = new { Mode = "simulated" },
            Logging = new { LogLevel = new { Default = "Warning" } },
        }));
        var b = AppHost.CreateBuilder(CliArgs.Parse(["simulate", "--wav", "x", "--config", config]));
        b.Services.RemoveAll<ISpeechToText>();
        b.Services.AddSingleton<ISpeechToText>(new TextAsSpeech());
        b.Services.RemoveAll<ITextToSpeech>();
        b.Services.AddSingleton<ITextToSpeech>(new ShortReply());
        b.Services.RemoveAll<IAudioOutput>();
        b.Services.AddSingleton<IAudioOutput>(new WavFileOutput(replies));
        using var host = b.Build();
        await host.StartAsync();
        var pipeline = host.Services.GetRequiredService<VoicePipeline>();
        var clip = new AudioClip(new float[1600]);

        Use? start = null;
        int published = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Utterances; i++)
        {
            if (i == WarmUp) start = Measure(outbox, replies);
            // Reply files are named as the service names them, by the second: a bounded set.
            var r = await pipeline.ProcessAsync(clip, $"utt-{i % 60:D2}");
            published += r.Published.Count;
            if (r.Error is not null) errors++;
        }
        var end = Measure(outbox, replies);
        await host.StopAsync();

        var figures = $"{Utterances} utterances in {clock.Elapsed.TotalSeconds:F0} s, {published} MQTT messages, {errors} errors; " +
            $"after {WarmUp}: RSS {start!.RssMb} MB, {start.Handles} fds, {start.Threads} threads, {start.Files} files; " +
            $"after {Utterances}: RSS {end.RssMb} MB, {end.Handles} fds, {end.Threads} threads, {end.Files} files";
        output.WriteLine(figures);
        Assert.Equal(0, errors);
        Assert.True(published > Utterances, figures);
        Assert.True(end.RssMb - start.RssMb <= 16, "RSS grew: " + figures);
        Assert.True(end.Handles - start.Handles <= 4, "file descriptors grew: " + figures);
        Assert.True(end.Files <= start.Files, "files grew: " + figures);
        Assert.True(end.Threads - start.Threads <= 8, "threads grew: " + figures);
    }
}
