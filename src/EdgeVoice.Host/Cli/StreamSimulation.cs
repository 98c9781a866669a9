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
        string? error = null;
        VoiceFrontEnd? frontEnd = null;
        try { WavReader.Read(path); }
        catch (AudioFormatException e) { error = e.Message; }
        if (error is null) frontEnd = VoiceLoopService.FrontEnd(services, out error);
        if (frontEnd is null) { yield return new UtteranceReport { File = path, Error = error }; yield break; }

        var followUps = services.GetRequiredService<FollowUps>();
        int n = 0;
        // Faster than real time, the file waits for each reply: an answer window opens where the spoken reply would end.
        await foreach (var u in frontEnd.RunAsync(new WavFileSource(path, realtime), ct, lockstep: !realtime))
        {
            var report = await pipeline.ProcessAsync(u.Command, $"{Path.GetFileNameWithoutExtension(path)}-{++n}", ct, u.Speech);
            report.File = path;
            report.WakeAtMs = u.WakeAtMs;
            report.SpeechEndMs = u.SpeechEndMs;
            report.Trigger = u.Trigger;
            followUps.After(u, report, frontEnd, muted: false, lockstep: !realtime);
            yield return report;
        }
    }
}
