using EdgeVoice.Testing;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Telemetry.Tests;

/// <summary>A throwaway /sys tree with just the thermal and power_supply files the reader looks at.</summary>
sealed class FakeSysfs : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("edgevoice-sys").FullName;

    public FakeSysfs Zone(int n, string? type, string? temp)
    {
        var d = Directory.CreateDirectory(Path.Combine(Root, "class", "thermal", $"thermal_zone{n}")).FullName;
        if (type is not null) File.WriteAllText(Path.Combine(d, "type"), type + "\n");
        if (temp is not null) File.WriteAllText(Path.Combine(d, "temp"), temp);
        return this;
    }

    public FakeSysfs Supply(string name, string type, string? capacity = null, string? status = null)
    {
        var d = Directory.CreateDirectory(Path.Combine(Root, "class", "power_supply", name)).FullName;
        File.WriteAllText(Path.Combine(d, "type"), type + "\n");
        if (capacity is not null) File.WriteAllText(Path.Combine(d, "capacity"), capacity);
        if (status is not null) File.WriteAllText(Path.Combine(d, "status"), status + "\n");
        return this;
    }

    public SysfsTelemetryReader Reader(ListLogger logs) =>
        new(Options.Create(new TelemetryOptions { SysfsRoot = Root }), logs.Factory().CreateLogger<SysfsTelemetryReader>());

    public void Dispose() => Directory.Delete(Root, true);
}

