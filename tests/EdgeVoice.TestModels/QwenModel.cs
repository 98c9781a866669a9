using System.Text.Json;

namespace EdgeVoice.TestModels;

/// <summary>Shapes of a qwen2-architecture model (llama.cpp's names and keys).</summary>
sealed record QwenShape(string Name, int Layers, int Hidden, int Heads, int KvHeads, int Ffn, int ContextLength)
{
    /// <summary>Qwen2.5-0.5B-Instruct: 24 layers, hidden 896, 14 heads, 2 KV heads, FFN 4864, tied embeddings.</summary>
    public static readonly QwenShape Qwen05B = new("Qwen2.5-0.5B-Instruct (random weights)", 24, 896, 14, 2, 4864, 32768);
    /// <summary>A tiny model with the same tokenizer, for tests that run many utterances.</summary>
    public static readonly QwenShape Tiny = new("qwen2 tiny (random weights)", 2, 64, 4, 2, 256, 32768);
}

/// <summary>
/// A GGUF with a qwen2 architecture, Q8_0 weights (random) and the real Qwen tokenizer (vocabulary,
/// merges, special tokens and chat template from a tokenizer.json / tokenizer_config.json pair).
/// </summary>
static class QwenModel
{
    const int VocabSize = 151936; // Qwen2.5's embedding rows: the tokenizer's ids padded to a multiple of 128

    public static void Write(QwenShape shape, string tokenizerDir, string outFile, ulong seed)
    {
        var g = new Gguf();
        g.Set("general.architecture", "qwen2");
        g.Set("general.name", shape.Name);
        g.Set("general.file_type", 7u); // mostly Q8_0
        g.Set("general.quantization_version", 2u);
        g.Set("qwen2.block_count", (uint)shape.Layers);
        g.Set("qwen2.context_length", (uint)shape.ContextLength);
        g.Set("qwen2.embedding_length", (uint)shape.Hidden);
        g.Set("qwen2.feed_forward_length", (uint)shape.Ffn);
        g.Set("qwen2.attention.head_count", (uint)shape.Heads);
        g.Set("qwen2.attention.head_count_kv", (uint)shape.KvHeads);
        g.Set("qwen2.rope.freq_base", 1000000f);
        g.Set("qwen2.attention.layer_norm_rms_epsilon", 1e-6f);
        Tokenizer(g, tokenizerDir);

        int h = shape.Hidden, kv = h / shape.Heads * shape.KvHeads;
        const float std = 0.02f;
        g.Tensor("token_embd.weight", GgmlType.Q8_0, std, 0, h, VocabSize);
        g.Tensor("output_norm.weight", GgmlType.F32, 0, 1, h);
        for (int i = 0; i < shape.Layers; i++)
        {
            var p = $"blk.{i}.";
            g.Tensor(p + "attn_norm.weight", GgmlType.F32, 0, 1, h);
            g.Tensor(p + "attn_q.weight", GgmlType.Q8_0, std, 0, h, h);
            g.Tensor(p + "attn_q.bias", GgmlType.F32, std, 0, h);
            g.Tensor(p + "attn_k.weight", GgmlType.Q8_0, std, 0, h, kv);
            g.Tensor(p + "attn_k.bias", GgmlType.F32, std, 0, kv);
            g.Tensor(p + "attn_v.weight", GgmlType.Q8_0, std, 0, h, kv);
            g.Tensor(p + "attn_v.bias", GgmlType.F32, std, 0, kv);
            g.Tensor(p + "attn_output.weight", GgmlType.Q8_0, std, 0, h, h);
            g.Tensor(p + "ffn_norm.weight", GgmlType.F32, 0, 1, h);
            g.Tensor(p + "ffn_gate.weight", GgmlType.Q8_0, std, 0, h, shape.Ffn);
            g.Tensor(p + "ffn_up.weight", GgmlType.Q8_0, std, 0, h, shape.Ffn);
            g.Tensor(p + "ffn_down.weight", GgmlType.Q8_0, std, 0, shape.Ffn, h);
        }
        g.Write(outFile, seed);
    }

    static void Tokenizer(Gguf g, string dir)
    {
        using var tok = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "tokenizer.json")));
        using var cfg = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "tokenizer_config.json")));
        var model = tok.RootElement.GetProperty("model");
        var tokens = new string?[VocabSize];
        var types = new int[VocabSize];
        foreach (var p in model.GetProperty("vocab").EnumerateObject()) { tokens[p.Value.GetInt32()] = p.Name; types[p.Value.GetInt32()] = 1; }
        var ids = new Dictionary<string, int>();
        foreach (var a in tok.RootElement.GetProperty("added_tokens").EnumerateArray())
        {
            int id = a.GetProperty("id").GetInt32();
            tokens[id] = a.GetProperty("content").GetString();
            types[id] = a.GetProperty("special").GetBoolean() ? 3 : 4; // control : user-defined
            ids[tokens[id]!] = id;
        }
        for (int i = 0; i < VocabSize; i++)
            if (tokens[i] is null) { tokens[i] = $"[PAD{i}]"; types[i] = 5; } // unused rows, as llama.cpp's converter names them
        var merges = model.GetProperty("merges").EnumerateArray()
            .Select(m => m.ValueKind == JsonValueKind.Array ? $"{m[0].GetString()} {m[1].GetString()}" : m.GetString()!).ToList();

        g.Set("tokenizer.ggml.model", "gpt2");
        g.Set("tokenizer.ggml.pre", "qwen2");
        g.Set("tokenizer.ggml.tokens", tokens!);
        g.Set("tokenizer.ggml.token_type", types);
        g.Set("tokenizer.ggml.merges", merges);
        g.Set("tokenizer.ggml.eos_token_id", (uint)ids["<|im_end|>"]);
        g.Set("tokenizer.ggml.padding_token_id", (uint)ids["<|endoftext|>"]);
        g.Set("tokenizer.ggml.bos_token_id", (uint)ids["<|endoftext|>"]);
        g.Set("tokenizer.ggml.add_bos_token", false);
        if (cfg.RootElement.TryGetProperty("chat_template", out var t)) g.Set("tokenizer.chat_template", t.GetString()!);
    }
}
