using System.Runtime.CompilerServices;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Host.Pipeline;
using EdgeVoice.WakeWord;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeVoice.Host.Cli;

/// <summary>`simulate --stream`: one long recording as the microphone; one report per detected command.</summary>
public static class StreamSimulation
{
    public static async IAsyncEnumerable<UtteranceReport> RunAsync(string path, bool realtime, VoicePipeline pipeline, IServiceProvider services,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        AudioFormatException? bad = null;
        try { WavReader.Read(path); }
        catch (AudioFormatException e) { bad = e; }
        if (bad != null) { yield return new UtteranceReport { File = path, Error = bad.Message }; yield break; }

        var frontEnd = services.GetRequiredService<VoiceFrontEnd>();
        int n = 0;
        await foreach (var u in frontEnd.RunAsync(new WavFileSource(path, realtime), ct))
        {
            var report = await pipeline.ProcessAsync(u.Command, $"{Path.GetFileNameWithoutExtension(path)}-{++n}", ct, u.Speech);
            report.File = path;
            report.WakeAtMs = u.WakeAtMs;
            report.SpeechEndMs = u.SpeechEndMs;
            yield return report;
        }
    }
}
