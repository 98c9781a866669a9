using EdgeVoice.Testing;
using EdgeVoice.WakeWord.Training;

namespace EdgeVoice.WakeWord.Tests;

/// <summary>Models and generated streams, built once per test run (clips and the 2-hour stream cached per user, <see cref="TestAudioCache"/>).</summary>
public sealed class StreamFixture
{
    readonly Lazy<BuiltStream> _wake, _nonWake;

    public StreamFixture()
    {
        Repo.RequireTool("espeak-ng");
        Repo.RequireTool("sox");
        Repo.RequiredModel("openwakeword/hey_jarvis_v0.1.onnx");
        Repo.RequiredModel("openwakeword/melspectrogram.onnx");
        Repo.RequiredModel("openwakeword/embedding_model.onnx");
        Repo.RequiredModel("silero_vad_v5.onnx");
        Synth = new Synth(TestAudioCache.Clips);
        _wake = new(() => new StreamBuilder(Synth, 11, Path.Combine(Repo.Shared, "speech")).WakeStream(18));
        // Two hours, as issue #3 asks; built once (a few minutes) and cached under a hash of what it is made from.
        _nonWake = new(() =>
        {
            var b = new StreamBuilder(Synth, 12, Path.Combine(Repo.Shared, "speech"));
            return StreamBuilder.Cached(TestAudioCache.Dir, $"nonwake-{b.Key("nonwake 7200 s")}.wav", () => b.NonWakeStream(2 * 3600));
        });
    }

    public Synth Synth { get; }
    public BuiltStream Wake => _wake.Value;
    public BuiltStream NonWake => _nonWake.Value;

    /// <summary>The front end as configured by default (openWakeWord candidates checked by the pocketsphinx verifier).</summary>
    public static VoiceFrontEnd FrontEnd(WakeWordOptions? o = null, Core.IEventBus? bus = null)
    {
        o ??= new WakeWordOptions();
        return new(o, Repo.Models, bus, verifier: o.HasVerifier ? Verifier() : null);
    }

    public static Speech.PocketSphinx.KeyphraseVerifier Verifier(Speech.SpeechOptions? o = null) => new(o ?? new Speech.SpeechOptions());
}

[CollectionDefinition("streams")]
public sealed class StreamCollection : ICollectionFixture<StreamFixture>;

/// <summary>Calls back before each frame, so a test can press the button at a known frame.</summary>
sealed class CallbackSource(EdgeVoice.Audio.IAudioSource inner, Action onFrame) : EdgeVoice.Audio.IAudioSource
{
    public string Name => inner.Name;
    public async IAsyncEnumerable<float[]> ReadFramesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var x in inner.ReadFramesAsync(ct)) { onFrame(); yield return x; }
    }
}
