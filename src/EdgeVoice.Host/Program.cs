using EdgeVoice.Core;
using EdgeVoice.Host;
using EdgeVoice.Host.Cli;

NativeHeap.LimitArenas();
NativeHeap.ReturnLargeBlocks();
CliArgs cli;
try { cli = CliArgs.Parse(args); }
catch (ArgumentException e)
{
    Console.Error.WriteLine($"edgevoice: {e.Message}\n\n{CliArgs.Usage}");
    return 64; // EX_USAGE
}
if (cli.Help) { Console.WriteLine(CliArgs.Usage); return 0; }

try
{
    return cli.Verb switch
    {
        "simulate" => await SimulateCommand.RunAsync(cli),
        "check" => await CheckCommand.RunAsync(cli),
        "wake-train" => WakeTrainCommand.Run(cli),
        _ => await ServiceCommand.RunAsync(cli),
    };
}
catch (StartupException e)
{
    Console.Error.WriteLine($"edgevoice: {e.Message}");
    return 78; // EX_CONFIG
}
