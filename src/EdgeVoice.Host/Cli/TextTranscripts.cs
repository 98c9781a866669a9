using EdgeVoice.Core;
using EdgeVoice.Host.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeVoice.Host.Cli;

/// <summary>
/// `simulate --text`: the speech recogniser is replaced by one that "hears" the given text, so the intent stage,
/// MQTT and the spoken reply run as for a WAV, with no model loaded and the same JSON line.
/// </summary>
public sealed class TextTranscripts : ISpeechToText
{
    string next = "";

    public string Name => "text";

    public Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default) =>
        Task.FromResult(new Transcript(next, 1.0, Name));

    public static void Replace(IServiceCollection services)
    {
        services.RemoveAll<ISpeechToText>();
        services.AddSingleton<TextTranscripts>();
        services.AddSingleton<ISpeechToText>(sp => sp.GetRequiredService<TextTranscripts>());
    }

    /// <summary>One text through the pipeline; <c>file</c> in the report is <c>text:N</c>, N counting from 1.</summary>
    public static async Task<UtteranceReport> ProcessAsync(string text, int n, VoicePipeline pipeline, IServiceProvider services)
    {
        services.GetRequiredService<TextTranscripts>().next = text.Trim();
        var report = await pipeline.ProcessAsync(new AudioClip(new float[AudioClip.PipelineRate / 10]), $"text-{n}");
        report.File = $"text:{n}";
        return report;
    }
}
