using System.Diagnostics;
using EdgeVoice.TestModels;

// Usage: EdgeVoice.TestModels <out dir> <whisper test-only dir> <tokenizer dir>
// Writes every shape-equivalent random-weight model the tests and the bench use, skipping files already there.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: EdgeVoice.TestModels <out dir> <dir with for-tests-ggml-*.bin> <dir with tokenizer.json>");
    return 2;
}
const ulong Seed = 20261204;
string outDir = args[0], whisperDir = args[1], tokDir = args[2];
Directory.CreateDirectory(outDir);

var jobs = new (string File, Action<string> Make)[]
{
    ("ggml-tiny.en-random-f16.bin", f => WhisperModel.Write(Path.Combine(whisperDir, "for-tests-ggml-tiny.en.bin"), f, q5_1: false, Seed)),
    ("ggml-tiny.en-random-q5_1.bin", f => WhisperModel.Write(Path.Combine(whisperDir, "for-tests-ggml-tiny.en.bin"), f, q5_1: true, Seed)),
    ("ggml-base.en-random-q5_1.bin", f => WhisperModel.Write(Path.Combine(whisperDir, "for-tests-ggml-base.en.bin"), f, q5_1: true, Seed)),
    ("qwen2-tiny-random-q8_0.gguf", f => QwenModel.Write(QwenShape.Tiny, tokDir, f, Seed)),
    ("qwen2.5-0.5b-instruct-random-q8_0.gguf", f => QwenModel.Write(QwenShape.Qwen05B, tokDir, f, Seed)),
};
foreach (var (file, make) in jobs)
{
    var path = Path.Combine(outDir, file);
    if (File.Exists(path)) { Console.WriteLine($"{file}: cached"); continue; }
    var sw = Stopwatch.StartNew();
    make(path);
    Console.WriteLine($"{file}: {new FileInfo(path).Length / 1e6:F1} MB in {sw.Elapsed.TotalSeconds:F1} s");
}
return 0;
