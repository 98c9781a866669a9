using System.Buffers.Binary;
using EdgeVoice.Audio;
using EdgeVoice.Core;
using EdgeVoice.Speech;
using EdgeVoice.Speech.PocketSphinx;
using EdgeVoice.WakeWord;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Wyoming.Tests;

/// <summary>The real server on a free loopback port, with the real grammar recogniser, espeak-ng, intents and wake word.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const int MaxClients = 6;
    public WyomingServer Server { get; private set; } = null!;
    public GrammarRecognizer Stt { get; private set; } = null!;
    public WyomingStages Stages { get; private set; } = null!;
    public int Port => Server.Port;

    public static GrammarRecognizer Recognizer()
    {
        var app = Profiles.Home;
        app.ModelsDir = Repo.Models;
        return new GrammarRecognizer(Options.Create(new SpeechOptions()), new DeviceCatalog(new Profiles.Monitor<EdgeVoiceOptions>(app)), NullLogger<GrammarRecognizer>.Instance);
    }

    public static WakeDetectors Detectors(int max = 2)
    {
        Repo.RequiredModel("wake/hey_jarvis.head");
        Repo.RequiredModel("openwakeword/melspectrogram.onnx");
        Repo.RequiredModel("silero_vad_v5.onnx");
        return new WakeDetectors(() => new VoiceFrontEnd(new WakeWordOptions { Verifier = WakeWordOptions.NoVerifier }, Repo.Models), max, "hey jarvis");
    }

    public async Task InitializeAsync()
    {
        Repo.RequireTool("espeak-ng");
        Stt = Recognizer();
        Stages = new WyomingStages
        {
            Stt = Stt,
            Tts = new EspeakTts(Options.Create(new SpeechOptions())),
            Intents = Engines.Create(),
            Wake = Detectors(),
        };
        Server = new WyomingServer(new WyomingOptions { Enabled = true, Host = "127.0.0.1", Port = 0, MaxClients = MaxClients, MaxPayloadBytes = 256 * 1024, MaxAudioSeconds = 30 }, Stages);
        await Server.StartAsync(default);
    }

    public async Task DisposeAsync()
    {
        await Server.StopAsync(default);
        Server.Dispose();
        Stages.Wake?.Dispose();
    }

    public static byte[] Pcm16(float[] x)
    {
        var b = new byte[x.Length * 2];
        for (int i = 0; i < x.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(i * 2), (short)Math.Clamp(MathF.Round(x[i] * 32768), short.MinValue, short.MaxValue));
        return b;
    }

    public static float[] Sample(string name) => AudioConvert.Load(Path.Combine(Repo.Models, "samples", name + ".wav")).Samples;
}

[CollectionDefinition("server")]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>;
