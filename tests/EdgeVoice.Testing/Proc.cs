using System.Diagnostics;

namespace EdgeVoice.Testing;

public static class Proc
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    /// <param name="stop">Kills the process (a service that does not end by itself) and returns what it wrote so far.</param>
    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, TimeSpan? timeout = null, string? stdin = null,
        IDictionary<string, string>? env = null, CancellationToken stop = default)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin != null, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + file);
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (stdin != null) { await p.StandardInput.WriteAsync(stdin); p.StandardInput.Close(); }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        cts.CancelAfter(timeout ?? TimeSpan.FromMinutes(5));
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(true);
            if (!stop.IsCancellationRequested) throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}");
            await p.WaitForExitAsync();
        }
        return new Result(p.ExitCode, await o, await e);
    }
}
