using System.Collections.Concurrent;
using EdgeVoice.Core;
using EdgeVoice.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Mqtt.Tests;

/// <summary>Captures every log line so tests can check what was (and was not) logged.</summary>
public sealed class TestLog
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public ILogger<T> For<T>() => new L<T>(this);
    public string All => string.Join("\n", Lines);

    sealed class L<T>(TestLog owner) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? e, Func<TState, Exception?, string> formatter)
            => owner.Lines.Enqueue($"{level} {typeof(T).Name}: {formatter(state, e)} {e}");
    }
}

public sealed class Recorder : IEventBus
{
    readonly EventBus _inner = new();
    public ConcurrentQueue<VoiceEvent> Events { get; } = new();
    public void Publish(VoiceEvent e) { Events.Enqueue(e); _inner.Publish(e); }
    public IDisposable Subscribe(Action<VoiceEvent> handler) => _inner.Subscribe(handler);
}

public static class Kit
{
    public static EdgeVoiceOptions Voice(string node)
    {
        var v = new EdgeVoiceOptions();
        new ConfigurationBuilder().AddJsonFile(Repo.Config("home.json")).Build().Bind(v);
        v.NodeId = node;
        return v;
    }

    public static MqttOptions Options(MosquittoBroker b, string? outbox = null) => new()
    {
        Host = b.Host, Port = b.Port, OutboxDir = outbox ?? Repo.TempDir("outbox"),
        ReconnectMinMs = 100, ReconnectMaxMs = 800, PublishWaitMs = 1000, FlushOnStopMs = 5000,
    };

    public static MqttIntentPublisher Publisher(MqttOptions o, EdgeVoiceOptions v, TestLog log, IEventBus? bus = null, DeviceCatalog? catalog = null)
    {
        var link = new MqttLink(Microsoft.Extensions.Options.Options.Create(o), Microsoft.Extensions.Options.Options.Create(v), log.For<MqttLink>(), bus);
        return new MqttIntentPublisher(link, catalog ?? DeviceCatalog.Of(v), Microsoft.Extensions.Options.Options.Create(o), log.For<MqttIntentPublisher>());
    }

    public static Intent Light(int brightness, string device = "kitchen_light") =>
        new(IntentNames.LightSet, device, new Dictionary<string, object> { ["brightness"] = brightness });

    public static Task<Proc.Result> Pub(MosquittoBroker b, string topic, string? message = null, string? file = null, bool retain = false)
    {
        var args = new List<string> { "-h", b.Host, "-p", b.Port.ToString(), "-t", topic, "-q", "1" };
        if (file != null) args.AddRange(["-f", file]); else args.AddRange(["-m", message ?? ""]);
        if (retain) args.Add("-r");
        return Proc.RunAsync(Repo.RequireTool("mosquitto_pub"), args, TimeSpan.FromSeconds(20));
    }
}
