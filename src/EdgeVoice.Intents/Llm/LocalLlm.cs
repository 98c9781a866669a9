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
/// Commands decode under a GBNF grammar of the configured (device, action) pairs and stop as soon as
/// the JSON object closes.
/// </summary>
public sealed class LocalLlm : IDisposable
{
    readonly LLamaWeights _weights;
    readonly LLamaContext _context;
    readonly ILogger _log;
    readonly SemaphoreSlim _gate = new(1, 1);
    readonly string _grammar;
    LLamaContext.State? _prefix;
    int _prefixTokens;
    string _prefixText;

    public sealed record Generation(string Text, int PromptTokens, int GeneratedTokens, double PrefillMs, double DecodeMs);

    LocalLlm(LLamaWeights w, LLamaContext c, string prefix, string grammar, ILogger log)
    {
        _weights = w; _context = c; _prefixText = prefix; _grammar = grammar; _log = log;
    }

    public static LocalLlm Load(string path, int threads, int contextSize, IReadOnlyList<DeviceOptions> devices, ILogger log, bool allowRandomWeights = false)
    {
        if (!File.Exists(path)) throw new ModelUnavailableException($"LLM model not found: {path} (run scripts/setup.sh; EdgeVoice runs rules-only without it)");
        if (!allowRandomWeights && RandomWeights.IsRandom(path)) throw new ModelUnavailableException($"{path} {RandomWeights.Refusal}");
        try
        {
            var p = new ModelParams(path) { ContextSize = (uint)contextSize, Threads = threads, BatchThreads = threads, GpuLayerCount = 0 };
            var w = LLamaWeights.LoadFromFile(p);
            var c = w.CreateContext(p);
            return new LocalLlm(w, c, Prompts.Prefix(devices), IntentGrammar.Build(devices), log);
        }
        catch (Exception e) when (e is not ModelUnavailableException)
        {
            throw new ModelUnavailableException($"LLM model {path} could not be loaded ({e.Message}); re-run scripts/setup.sh", e);
        }
    }

    /// <summary>A device command as grammar-constrained JSON, or null when the model says none.</summary>
    public async Task<Generation> CommandAsync(string utterance, int maxTokens, CancellationToken ct) =>
        await GenerateAsync(Prompts.Command(utterance), _grammar, maxTokens, reusePrefix: true, ct);

    /// <summary>A short spoken answer to a question (no grammar; capped in tokens and time).</summary>
    public async Task<Generation> AnswerAsync(string question, int maxTokens, CancellationToken ct) =>
        await GenerateAsync(Prompts.Answer(question), null, maxTokens, reusePrefix: true, ct);

    /// <summary>Same, without prefix reuse: for the benchmark's with/without comparison.</summary>
    public async Task<Generation> CommandColdAsync(string utterance, int maxTokens, CancellationToken ct) =>
        await GenerateAsync(Prompts.Command(utterance), _grammar, maxTokens, reusePrefix: false, ct);

    async Task<Generation> GenerateAsync(string userPart, string? grammar, int maxTokens, bool reusePrefix, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
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
                _prefix = _context.GetState();
                _prefixTokens = prefix.Length;
                batch.Clear();
                var user = _context.Tokenize(userPart, addBos: false, special: true);
                batch.AddRange(user, prefix.Length, LLamaSeqId.Zero, true);
                promptTokens = prefix.Length + user.Length;
                pos = prefix.Length + user.Length;
            }
            await _context.DecodeAsync(batch, ct);
            double prefill = sw.Elapsed.TotalMilliseconds;

            using var sampler = new DefaultSamplingPipeline { Temperature = 0 };
            using var constrained = grammar is null ? null : new GrammarGreedy(_weights.NativeHandle.Vocab, grammar);
            var decoder = new StreamingTokenDecoder(_context);
            var text = new StringBuilder();
            int generated = 0;
            var eos = _context.Vocab.EOS;
            var eot = _context.Vocab.EOT;
            while (generated < maxTokens && !ct.IsCancellationRequested)
            {
                // Sample also accepts the token into the chain (llama_sampler_sample): accepting it again
                // would advance the grammar twice and llama.cpp aborts the process.
                var token = constrained?.Next(_context.NativeHandle, batch.TokenCount - 1) ?? sampler.Sample(_context.NativeHandle, batch.TokenCount - 1);
                if (token == eos || token == eot) break;
                decoder.Add(token);
                text.Append(decoder.Read());
                generated++;
                if (grammar != null && text.ToString().TrimEnd().EndsWith('}')) break; // the structure is complete
                if (grammar == null && text.ToString().Contains('\n')) break;
                batch.Clear();
                batch.Add(token, pos++, LLamaSeqId.Zero, true);
                await _context.DecodeAsync(batch, ct);
            }
            return new Generation(text.ToString().Trim(), promptTokens, generated, prefill, sw.Elapsed.TotalMilliseconds - prefill);
        }
        finally { _gate.Release(); }
    }

    public void Dispose()
    {
        _context.Dispose();
        _weights.Dispose();
    }
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
