using LLama.Native;

namespace EdgeVoice.Intents.Llm;

/// <summary>
/// Greedy decoding under a GBNF grammar that asks the grammar about the model's favourite token first and
/// filters the whole vocabulary only when that token is not allowed (as llama.cpp's own sampler does).
/// Filtering all 151 936 Qwen tokens on every step cost more than the model's forward pass.
/// </summary>
sealed class GrammarGreedy : IDisposable
{
    readonly SafeLLamaSamplerChainHandle _grammar;
    readonly LLamaTokenData[] _one = new LLamaTokenData[1];

    public GrammarGreedy(SafeLlamaModelHandle.Vocabulary vocab, string gbnf)
    {
        _grammar = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        _grammar.AddGrammar(vocab, gbnf, "root");
    }

    public LLamaToken Next(SafeLLamaContextHandle ctx, int index)
    {
        var logits = ctx.GetLogitsIth(index);
        int best = ArgMax(logits);
        _one[0] = new LLamaTokenData(best, logits[best], 0);
        Apply(new LLamaTokenDataArray(_one, false));
        if (float.IsNegativeInfinity(_one[0].Logit))
        {
            var all = LLamaTokenDataArray.Create(logits);
            Apply(all);
            var data = all.Data.Span;
            best = (int)data[0].ID;
            float max = float.NegativeInfinity;
            foreach (var d in data)
                if (d.Logit > max) { max = d.Logit; best = (int)d.ID; }
            if (float.IsNegativeInfinity(max)) throw new InvalidOperationException("the grammar allows no token here");
        }
        _grammar.Accept(best);
        return best;
    }

    void Apply(LLamaTokenDataArray a)
    {
        using var pin = LLamaTokenDataArrayNative.Create(a, out var native);
        _grammar.Apply(ref native);
    }

    static int ArgMax(ReadOnlySpan<float> xs)
    {
        int best = 0;
        for (int i = 1; i < xs.Length; i++) if (xs[i] > xs[best]) best = i;
        return best;
    }

    public void Dispose() => _grammar.Dispose();
}
