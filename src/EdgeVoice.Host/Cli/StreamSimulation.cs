using System.Runtime.CompilerServices;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Host.Pipeline;
using EdgeVoice.WakeWord;

namespace EdgeVoice.Host.Cli;

/// <summary>`simulate --stream`: one long recording as the microphone; one report per detected command.</summary>
public static class StreamSimulation
{
    public static async IAsyncEnumerable<UtteranceReport> RunAsync(string path, bool realtime, VoiceLoop loop,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? error = null;
        VoiceFrontEnd? frontEnd = null;
        try { WavReader.Read(path); }
        catch (AudioFormatException e) { error = e.Message; }
        if (error is null) frontEnd = loop.FrontEnd(out error);
        if (frontEnd is null) { yield return new UtteranceReport { File = path, Error = error }; yield break; }

        var name = Path.GetFileNameWithoutExtension(path);
        await foreach (var report in loop.RunAsync(frontEnd, new WavFileSource(path, realtime), n => $"{name}-{n}", ct))
        {
            report.File = path;
            yield return report;
        }
    }
}
