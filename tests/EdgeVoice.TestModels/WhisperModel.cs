namespace EdgeVoice.TestModels;

/// <summary>
/// A Whisper ggml file (whisper.cpp's legacy format): the header, hyper-parameters, mel filters and
/// vocabulary of the real model, copied from whisper.cpp's tensor-less test file, followed by every
/// tensor whisper.cpp's loader expects, with the real name, shape and type and random values.
/// </summary>
static class WhisperModel
{
    const int QuantVersion = 2, QuantFactor = 1000, FtypeQ5_1 = 9;

    public static void Write(string vocabOnlyFile, string outFile, bool q5_1, ulong seed)
    {
        var head = File.ReadAllBytes(vocabOnlyFile);
        if (head.Length < 48 || BitConverter.ToUInt32(head, 0) != 0x67676d6c)
            throw new InvalidDataException($"{vocabOnlyFile} is not a whisper.cpp ggml file");
        var hp = new int[11];
        for (int i = 0; i < 11; i++) hp[i] = BitConverter.ToInt32(head, 4 + 4 * i);
        if (hp[10] != 1) throw new InvalidDataException($"{vocabOnlyFile}: expected an f16 header (ftype 1), found {hp[10]}");
        if (q5_1) BitConverter.TryWriteBytes(head.AsSpan(44), FtypeQ5_1 + QuantVersion * QuantFactor);
        int nVocab = hp[0], audioCtx = hp[1], audioState = hp[2], audioLayers = hp[4];
        int textCtx = hp[5], textState = hp[6], textLayers = hp[8], mels = hp[9];

        var tmp = outFile + ".tmp" + Environment.ProcessId;
        using (var s = new BufferedStream(File.Create(tmp), 1 << 20))
        {
            s.Write(head);
            // Matrices take the file's weight type; convolutions stay f16, vectors and positions f32,
            // as whisper.cpp's quantizer leaves them.
            var w = q5_1 ? GgmlType.Q5_1 : GgmlType.F16;
            void T(string name, GgmlType t, float std, float c, params int[] ne) => Tensor(s, name, t, std, c, ne, seed);
            void Linear(string p, int nIn, int nOut, bool bias = true)
            {
                T(p + ".weight", w, 1f / MathF.Sqrt(nIn), 0, nIn, nOut);
                if (bias) T(p + ".bias", GgmlType.F32, 0.02f, 0, nOut);
            }
            void Norm(string p, int n) { T(p + ".weight", GgmlType.F32, 0, 1, n); T(p + ".bias", GgmlType.F32, 0, 0, n); }
            void Attention(string p, int n)
            {
                Linear(p + ".query", n, n);
                Linear(p + ".key", n, n, bias: false);
                Linear(p + ".value", n, n);
                Linear(p + ".out", n, n);
            }
            void Block(string p, int n, bool cross)
            {
                Norm(p + ".attn_ln", n);
                Attention(p + ".attn", n);
                if (cross) { Norm(p + ".cross_attn_ln", n); Attention(p + ".cross_attn", n); }
                Norm(p + ".mlp_ln", n);
                Linear(p + ".mlp.0", n, 4 * n);
                Linear(p + ".mlp.2", 4 * n, n);
            }

            T("encoder.positional_embedding", GgmlType.F32, 0.02f, 0, audioState, audioCtx);
            T("encoder.conv1.weight", GgmlType.F16, 1f / MathF.Sqrt(3 * mels), 0, 3, mels, audioState);
            T("encoder.conv1.bias", GgmlType.F32, 0.02f, 0, 1, audioState);
            T("encoder.conv2.weight", GgmlType.F16, 1f / MathF.Sqrt(3 * audioState), 0, 3, audioState, audioState);
            T("encoder.conv2.bias", GgmlType.F32, 0.02f, 0, 1, audioState);
            for (int i = 0; i < audioLayers; i++) Block($"encoder.blocks.{i}", audioState, cross: false);
            Norm("encoder.ln_post", audioState);
            T("decoder.positional_embedding", GgmlType.F32, 0.02f, 0, textState, textCtx);
            T("decoder.token_embedding.weight", w, 0.02f, 0, textState, nVocab);
            for (int i = 0; i < textLayers; i++) Block($"decoder.blocks.{i}", textState, cross: true);
            Norm("decoder.ln", textState);
        }
        File.Move(tmp, outFile, overwrite: true);
    }

    static void Tensor(Stream s, string name, GgmlType t, float std, float constant, int[] ne, ulong seed)
    {
        var bw = new BinaryWriter(s);
        bw.Write(ne.Length);
        bw.Write(System.Text.Encoding.UTF8.GetByteCount(name));
        bw.Write((int)t);
        foreach (int n in ne) bw.Write(n);
        bw.Write(System.Text.Encoding.UTF8.GetBytes(name));
        bw.Flush();
        TensorData.Write(s, t, ne.Aggregate(1L, (a, b) => a * b), std, constant, Rng.For(name, seed));
    }
}
