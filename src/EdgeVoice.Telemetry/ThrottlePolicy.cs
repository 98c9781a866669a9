using EdgeVoice.Core;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Telemetry;

/// <summary>
/// Throttled when hot (with hysteresis, so it does not flap around the limit) or when the battery is low
/// and discharging. Unknown values never throttle.
/// </summary>
public sealed class ThrottlePolicy(IOptions<TelemetryOptions> options) : IThrottleState
{
    readonly TelemetryOptions _o = options.Value;
    volatile bool _hot, _lowBattery;

    public bool Throttled => _hot || _lowBattery;
    public bool Hot => _hot;
    public bool LowBattery => _lowBattery;

    public bool Update(TelemetrySnapshot s)
    {
        if (s.CpuTemperatureC is double t)
            _hot = _hot ? t >= _o.ThrottleAtC - _o.HysteresisC : t >= _o.ThrottleAtC;
        else
            _hot = false;
        _lowBattery = s.BatteryPercent is double p && p <= _o.LowBatteryPercent && s.Discharging;
        return Throttled;
    }
}
