using EdgeVoice.Core;
using EdgeVoice.WakeWord;
using EdgeVoice.WakeWord.Training;
using Microsoft.Extensions.Configuration;

namespace EdgeVoice.Host.Cli;

/// <summary>`wake-train`: builds the wake word head for a phrase (scripts/setup.sh runs it when the default one is missing).</summary>
public static class WakeTrainCommand
{
    public static int Run(CliArgs cli)
    {
        var config = AppHost.BuildConfiguration(cli.ConfigFile);
        var opts = config.Get<EdgeVoiceOptions>() ?? new EdgeVoiceOptions();
        var wake = config.GetSection("WakeWord").Get<WakeWordOptions>() ?? new WakeWordOptions();
        var modelsDir = ModelPaths.ResolveModelsDir(wake.ModelsDir ?? opts.ModelsDir);
        var phrase = cli.Phrase ?? wake.Phrase;
        var output = cli.Out ?? WakeHead.DefaultPath(modelsDir, phrase);
        if (cli.IfMissing && File.Exists(output))
        {
            Console.WriteLine($"{output} present (delete it or run without --if-missing to retrain)");
            return 0;
        }
        var espeak = config["Speech:EspeakPath"];
        if (EspeakTool.Resolve(espeak) is null)
        {
            Console.Error.WriteLine($"edgevoice wake-train: {EspeakTool.Missing(espeak)}: it speaks the training audio");
            return 69; // EX_UNAVAILABLE
        }
        foreach (var f in new[] { "melspectrogram.onnx", "embedding_model.onnx" })
            if (!File.Exists(Path.Combine(modelsDir, "openwakeword", f)))
            {
                Console.Error.WriteLine($"edgevoice wake-train: {Path.Combine(modelsDir, "openwakeword", f)} is missing: run scripts/setup.sh");
                return 69;
            }
        Console.WriteLine($"training the wake head for '{phrase}' into {output}");
        var head = WakeTrainer.Run(modelsDir, new WakeTrainOptions { Phrase = phrase, Threshold = wake.HeadThreshold, EspeakPath = espeak }, line => { Console.WriteLine(line); Console.Out.Flush(); });
        head.Save(output);
        Console.WriteLine($"wrote {output} ({new FileInfo(output).Length / 1024} KiB); validation {head.Info["validation"]}");
        return 0;
    }
}
