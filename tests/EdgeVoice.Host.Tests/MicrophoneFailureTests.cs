using System.Runtime.CompilerServices;
using System.Text.Json;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Host.Cli;
using EdgeVoice.WakeWord;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeVoice.Host.Tests;

/// <summary>A microphone that fails in the middle of a command leaves the recogniser free for the next one.</summary>
public sealed class MicrophoneFailureTests
{
    /// <summary>80 ms frames of <paramref name="audio"/>; then it fails, or waits as a quiet microphone does.</summary>
    sealed class Microphone(float[] audio, bool fails) : IAudioSource
    {
        public string Name => fails ? "test:failing" : "test:good";

        public async IAsyncEnumerable<float[]> ReadFramesAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            for (int at = 0; at + AudioFrames.Samples <= audio.Length; at += AudioFrames.Samples)
            {
                await Task.Yield();
                yield return audio[at..(at + AudioFrames.Samples)];
            }
            if (fails) throw new IOException("arecord: audio open error: No such device");
            await Task.Delay(Timeout.Infinite, ct);
        }
    }

    static async Task<float[]> Say(string dir, params string[] phrases)
    {
        var x = new List<float>(new float[AudioClip.PipelineRate]);
        foreach (var p in phrases)
        {
            x.AddRange(SilenceTrim.Trim(AudioConvert.Load(await Espeak.SayAsync(p, dir, "en-us", 150)), 40, 0).Samples);
            x.AddRange(new float[AudioClip.PipelineRate * 6 / 10]);
        }
        x.AddRange(new float[AudioClip.PipelineRate * 2]);
        var floor = AudioLevel.Set(Noise.White(new Random(3), x.Count), -65);
        return [.. x.Select((v, i) => v + floor[i])];
    }

    [Fact]
    public async Task After_the_microphone_fails_mid_command_the_next_command_is_recognised_at_once()
    {
        var dir = Repo.TempDir("mic-fail");
        var config = Path.Combine(dir, "config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new { ModelsDir = Repo.Models, Mqtt = new { OutboxDir = Path.Combine(dir, "outbox") } }));
        using var services = (ServiceProvider)AppHost.CreateBuilder(CliArgs.Parse(["simulate", "--stream", "x", "--config", config])).Services.BuildServiceProvider();
        var frontEnd = services.GetRequiredService<VoiceFrontEnd>();
        Assert.NotNull(frontEnd.Streaming);

        var command = await Say(dir, "hey jarvis", "turn on the kitchen light");
        var cut = await Say(dir, "hey jarvis");
        cut = [.. cut[..^(AudioClip.PipelineRate * 2)], .. command[(AudioClip.PipelineRate * 3)..(AudioClip.PipelineRate * 4)]]; // "hey jarvis" and part of a command
        var failed = await Assert.ThrowsAsync<IOException>(async () => { await foreach (var u in frontEnd.RunAsync(new Microphone(cut, fails: true))) u.Speech?.Dispose(); });

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        Transcript? heard = null;
        await foreach (var u in frontEnd.RunAsync(new Microphone(command, fails: false), stop.Token))
        {
            using var speech = u.Speech;
            Assert.NotNull(speech);
            // Without the release the failed command's stream holds the decoders and this waits for ever.
            heard = await speech.EndAsync().WaitAsync(TimeSpan.FromSeconds(15));
            break;
        }
        Assert.Equal("turn on the kitchen light", heard?.Text);
    }
}
