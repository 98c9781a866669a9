using System.Diagnostics;
using System.Collections.Concurrent;

namespace EdgeVoice.Testing;

/// <summary>An independent subscriber: Debian's mosquitto_sub, so tests don't check our client with itself.</summary>
public sealed class MqttSub : IAsyncDisposable
{
    readonly Process _p;
    public ConcurrentQueue<(string Topic, string Payload)> Messages { get; } = new();

    MqttSub(Process p) { _p = p; }

    public static async Task<MqttSub> StartAsync(MosquittoBroker broker, string topicFilter = "#", params string[] extraArgs)
    {
        var psi = new ProcessStartInfo(Repo.RequireTool("mosquitto_sub")) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-h", broker.Host, "-p", broker.Port.ToString(), "-t", topicFilter, "-v", "-q", "1", "-F", "%t\t%p" }.Concat(extraArgs))
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        var s = new MqttSub(p);
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            int tab = e.Data.IndexOf('\t');
            if (tab > 0) s.Messages.Enqueue((e.Data[..tab], e.Data[(tab + 1)..]));
        };
        p.BeginOutputReadLine();
        await Task.Delay(300); // subscription settles before the test publishes
        return s;
    }

    public async Task<List<(string Topic, string Payload)>> WaitForAsync(Func<List<(string Topic, string Payload)>, bool> done, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < end && !done(Messages.ToList())) await Task.Delay(50);
        return Messages.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_p.HasExited) { _p.Kill(); await _p.WaitForExitAsync(); }
        _p.Dispose();
    }
}
