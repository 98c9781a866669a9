using System.Diagnostics;
using System.Text;
using EdgeVoice.Core;
using LLama;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;
using Microsoft.Extensions.Logging;

namespace EdgeVoice.Intents.Llm;

/// <summary>
/// The small local model (LLamaSharp on a GGUF). The static prefix (system prompt + device list) is
/// decoded once and its KV state saved; each utterance restores it and pays only for its own tokens.
/// Commands are chosen from the configured ones token by token (<see cref="CommandChoices"/>) and end
/// with their closing brace.
/// </summary>
public sealed class LocalLlm : IDisposable
{
    readonly LLamaWeights _weights;
    readonly LLamaContext _context;
    readonly ILogger _log;
    // One call at a time owns the context: a time cap or disposal ends a call between native calls, and the next
    // call (or Dispose) waits for it, so llama.cpp never decodes while the saved prefix is restored or freed.
    readonly NativeCallGate _gate = new();
    readonly CommandChoices _choices;
    LLamaContext.State? _prefix;
    int _prefixTokens;
    string _prefixText;

    public sealed record Generation(string Text, int PromptTokens, int GeneratedTokens, double PrefillMs, double DecodeMs);

    LocalLlm(LLamaWeights w, LLamaContext c, string prefix, IReadOnlyList<DeviceOptions> devices, ILogger log)
    {
        _weights = w; _context = c; _prefixText = prefix; _log = log;
        _choices = new CommandChoices(CommandChoices.Texts(devices), t => c.Tokenize(t, addBos: false, special: false));
    }

    /// <param name="tune">Changes to llama.cpp's parameters after ours (the memory bench tries variants with it).</param>
    public static LocalLlm Load(string path, int threads, int contextSize, IReadOnlyList<DeviceOptions> devices, ILogger log, bool allowRandomWeights = false,
        Action<ModelParams>? tune = null)
    {
        if (!File.Exists(path)) throw new ModelUnavailableException($"LLM model not found: {path} (run scripts/setup.sh; EdgeVoice runs rules-only without it)");
        if (!allowRandomWeights && RandomWeights.IsRandom(path)) throw new ModelUnavailableException($"{path} {RandomWeights.Refusal}");
        NativeLog.RouteTo(log);
        try
        {
            // llama.cpp sizes its compute buffer for a whole micro-batch of logits: 512 x 151 936 floats is
            // 300 MiB for Qwen; 64 tokens is 38 MiB and prefill on 2 cores is no slower (prompts are ~20 tokens).
            var p = new ModelParams(path) { ContextSize = (uint)contextSize, Threads = threads, BatchThreads = threads, GpuLayerCount = 0, UBatchSize = 64 };
            tune?.Invoke(p);
            var w = LLamaWeights.LoadFromFile(p);
            var c = w.CreateContext(p);
            return new LocalLlm(w, c, Prompts.Prefix(devices), devices, log);
        }
        catch (Exception e) when (e is not ModelUnavailableException)
        {
            throw new ModelUnavailableException($"LLM model {path} could not be loaded ({e.Message}); re-run scripts/setup.sh", e);
        }
    }

    /// <summary>A device command: one of <see cref="CommandChoices"/>' JSON texts ({"intent":"none"} included).</summary>
    public async Task<Generation> CommandAsync(string utterance, CancellationToken ct) =>
        await GenerateAsync(Prompts.Command(utterance), true, 0, reusePrefix: true, ct);

    /// <summary>A short spoken answer to a question (no grammar; capped in tokens and time).</summary>
    public async Task<Generation> AnswerAsync(string question, int maxTokens, CancellationToken ct) =>
        await GenerateAsync(Prompts.Answer(question), false, maxTokens, reusePrefix: true, ct);

    /// <summary>Same, without prefix reuse: for the benchmark's with/without comparison.</summary>
    public async Task<Generation> CommandColdAsync(string utterance, CancellationToken ct) =>
        await GenerateAsync(Prompts.Command(utterance), true, 0, reusePrefix: false, ct);

    async Task<Generation> GenerateAsync(string userPart, bool command, int maxTokens, bool reusePrefix, CancellationToken callerCt)
    {
        using var linked = _gate.Link(callerCt);
        var ct = linked.Token;
        await _gate.EnterAsync(this, ct);
        try
        {
            var sw = Stopwatch.StartNew();
            var batch = new LLamaBatch();
            int pos;
            int promptTokens;
            if (reusePrefix && _prefix != null)
            {
                _context.LoadState(_prefix);
                pos = _prefixTokens;
                var user = _context.Tokenize(userPart, addBos: false, special: true);
                batch.AddRange(user, pos, LLamaSeqId.Zero, true);
                promptTokens = user.Length;
                pos += user.Length;
            }
            else
            {
                var prefix = _context.Tokenize(_prefixText, addBos: true, special: true);
                _context.NativeHandle.MemoryClear();
                batch.AddRange(prefix, 0, LLamaSeqId.Zero, false);
                await _context.DecodeAsync(batch, ct);
                var saved = _context.GetState();
                _prefix?.Dispose();
                _prefix = saved;
                _prefixTokens = prefix.Length;
                batch.Clear();
                var user = _context.Tokenize(userPart, addBos: false, special: true);
                batch.AddRange(user, prefix.Length, LLamaSeqId.Zero, true);
                promptTokens = prefix.Length + user.Length;
                pos = prefix.Length + user.Length;
            }
            await _context.DecodeAsync(batch, ct);
            double prefill = sw.Elapsed.TotalMilliseconds;

            if (command)
            {
                var (json, written) = await ChooseAsync(batch, pos, ct);
                return new Generation(json, promptTokens, written, prefill, sw.Elapsed.TotalMilliseconds - prefill);
            }
            using var sampler = new DefaultSamplingPipeline { Temperature = 0 };
            var decoder = new StreamingTokenDecoder(_context);
            var text = new StringBuilder();
            int generated = 0;
            var eos = _context.Vocab.EOS;
            var eot = _context.Vocab.EOT;
            while (generated < maxTokens && !ct.IsCancellationRequested)
            {
                var token = sampler.Sample(_context.NativeHandle, batch.TokenCount - 1); // also accepts it into the chain
                if (token == eos || token == eot) break;
                decoder.Add(token);
                text.Append(decoder.Read());
                generated++;
                if (text.ToString().Contains('\n')) break;
                batch.Clear();
                batch.Add(token, pos++, LLamaSeqId.Zero, true);
                await _context.DecodeAsync(batch, ct);
            }
            return new Generation(text.ToString().Trim(), promptTokens, generated, prefill, sw.Elapsed.TotalMilliseconds - prefill);
        }
        finally { _gate.Exit(); }
    }

    /// <summary>
    /// Walks the command trie: where it branches the model's logits pick the child, where it does not the
    /// token is forced. Forced tokens wait and are decoded together just before the next choice.
    /// </summary>
    async Task<(string Json, int Tokens)> ChooseAsync(LLamaBatch batch, int pos, CancellationToken ct)
    {
        var node = _choices.Root;
        var pending = new List<LLamaToken>();
        int tokens = 0;
        while (node.Text is null)
        {
            ct.ThrowIfCancellationRequested();
            LLamaToken next;
            if (node.Next.Count == 1) next = node.Next.Keys.First();
            else
            {
                if (pending.Count > 0)
                {
                    batch.Clear();
                    for (int i = 0; i < pending.Count; i++) batch.Add(pending[i], pos++, LLamaSeqId.Zero, i == pending.Count - 1);
                    await _context.DecodeAsync(batch, ct);
                    pending.Clear();
                }
                next = Best(node, batch.TokenCount - 1);
            }
            pending.Add(next);
            tokens++;
            node = node.Next[next];
        }
        return (node.Text, tokens);
    }

    LLamaToken Best(CommandChoices.Node node, int logitsIndex)
    {
        var logits = _context.NativeHandle.GetLogitsIth(logitsIndex);
        LLamaToken best = node.Next.Keys.First();
        foreach (var t in node.Next.Keys) if (logits[(int)t] > logits[(int)best]) best = t;
        return best;
    }

    /// <summary>Ends a call in progress at its next token, waits for it, then frees the model.</summary>
    public void Dispose() => _gate.Close(() =>
    {
        _prefix?.Dispose();
        _context.Dispose();
        _weights.Dispose();
    });
}

static class Prompts
{
    public static string Prefix(IReadOnlyList<DeviceOptions> devices)
    {
        var list = string.Join("\n", devices.Select(d => $"- {d.Id}: {d.Name} ({d.Type}, {d.Area}) actions: {string.Join(", ", d.Actions)}"));
        return "<|im_start|>system\nYou are the voice assistant of a smart home or factory. You control only these devices:\n"
            + list + "\nFor a device command reply with one JSON object naming the intent and the device id. "
            + "If the request is not about these devices, reply {\"intent\":\"none\"}. For questions, answer in one short sentence.<|im_end|>\n";
    }

    public static string Command(string utterance) => $"<|im_start|>user\n{utterance}<|im_end|>\n<|im_start|>assistant\n";
    public static string Answer(string question) => $"<|im_start|>user\nAnswer briefly: {question}<|im_end|>\n<|im_start|>assistant\n";
}
