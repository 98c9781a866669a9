namespace EdgeVoice.Telemetry;

/// <summary>Bound from the "Telemetry" configuration section.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Root of sysfs; tests point it at a fake tree.</summary>
    public string SysfsRoot { get; set; } = "/sys";
    public int IntervalSeconds { get; set; } = 30;
    /// <summary>Throttle at or above this CPU temperature; release below ThrottleAtC - HysteresisC.</summary>
    public double ThrottleAtC { get; set; } = 75;
    public double HysteresisC { get; set; } = 5;
    /// <summary>Throttle when the battery is at or below this and discharging.</summary>
    public double LowBatteryPercent { get; set; } = 15;
}
