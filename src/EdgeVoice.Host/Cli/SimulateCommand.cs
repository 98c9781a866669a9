using System.Text.Json;
using System.Text.Encodings.Web;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Host.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Host.Cli;

/// <summary>`simulate`: the whole loop with WAV files as the microphone and WAV files as the speaker.</summary>
public static class SimulateCommand
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep "°" and quotes in transcripts readable
    };

    public static async Task<int> RunAsync(CliArgs cli)
    {
        var builder = AppHost.CreateBuilder(cli);
        var replyDir = Path.GetFullPath(cli.ReplyDir ?? Path.Combine(Path.GetTempPath(), "edgevoice-replies"));
        builder.Services.RemoveAll<IAudioOutput>();
        builder.Services.AddSingleton<IAudioOutput>(new WavFileOutput(replyDir));
        if (cli.Texts.Count > 0) TextTranscripts.Replace(builder.Services);
        using var host = builder.Build();
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("simulate");
        await host.StartAsync();
        int ok = 0, failed = 0;
        try
        {
            var pipeline = host.Services.GetRequiredService<VoicePipeline>();
            var guard = host.Services.GetRequiredService<UtteranceGuard>();
            await foreach (var report in Run(cli, pipeline, guard, host.Services))
            {
                if (report.Error is null) ok++; else failed++;
                Console.Out.WriteLine(cli.Json ? JsonSerializer.Serialize(report, Json) : Describe(report));
                Console.Out.Flush();
            }
        }
        finally
        {
            // Stopping flushes the MQTT outbox with a bounded wait; undelivered messages are logged.
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await host.StopAsync(stop.Token);
        }
        log.LogInformation("simulate: {Ok} utterance(s) ok, {Failed} with errors; replies in {Dir}", ok, failed, replyDir);
        return ok == 0 && failed > 0 ? 1 : 0;
    }

    static async IAsyncEnumerable<UtteranceReport> Run(CliArgs cli, VoicePipeline pipeline, UtteranceGuard guard, IServiceProvider services)
    {
        if (cli.Stream is not null)
        {
            await foreach (var r in StreamSimulation.RunAsync(cli.Stream, cli.Realtime, services.GetRequiredService<VoiceLoop>()))
                yield return r;
            yield break;
        }
        foreach (var wav in cli.Wavs)
            yield return await ProcessFile(wav, pipeline, guard);
        for (int i = 0; i < cli.Texts.Count; i++)
            yield return await TextTranscripts.ProcessAsync(cli.Texts[i], i + 1, pipeline, services);
    }

    static async Task<UtteranceReport> ProcessFile(string wav, VoicePipeline pipeline, UtteranceGuard guard)
    {
        AudioClip clip;
        try
        {
            clip = guard.Load(wav);
        }
        catch (AudioFormatException e)
        {
            return new UtteranceReport { File = wav, Error = e.Message };
        }
        var report = await pipeline.ProcessAsync(clip, Path.GetFileNameWithoutExtension(wav));
        report.File = wav;
        return report;
    }

    static string Describe(UtteranceReport r)
    {
        var intents = r.Intents.Count == 0 ? "no intent" : string.Join(", ", r.Intents.Select(i => $"{i.Name}({i.Device}{string.Concat(i.Slots.Select(s => $", {s.Key}={s.Value}"))})"));
        var err = r.Error is null ? "" : $"\n  error: {r.Error}";
        return $"{r.File}: \"{r.Transcript}\" → {intents}; published {r.Published.Count}; reply \"{r.Reply}\" ({r.TimingsMs.Total} ms){err}";
    }
}
