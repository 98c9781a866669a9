using System.Device.Gpio;
using EdgeVoice.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeVoice.Hardware;

/// <summary>
/// Opens the button and LEDs chosen in "Hardware", shows the assistant state from bus events and
/// publishes button presses. Missing hardware is logged once with what to enable; the service keeps running.
/// </summary>
public sealed class HardwareService(
    IOptions<HardwareOptions> options, IEventBus bus, HardwareFactory factory, TimeProvider time,
    ILoggerFactory logs) : IHostedService, IDisposable
{
    readonly HardwareOptions _o = options.Value;
    readonly ILogger _log = logs.CreateLogger<HardwareService>();
    readonly LedStateMachine _states = new(time);
    readonly object _renderGate = new();
    GpioController? _gpio;
    ILedIndicator? _leds;
    IDisposable? _subscription;
    ITimer? _timer;
    int _tick;
    LedPattern _shown = (LedPattern)(-1);

    public ButtonMonitor? Button { get; private set; }
    public ILedIndicator? Leds => _leds;
    public LedPattern CurrentPattern => _states.Current;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_o.Mode == HardwareMode.None)
        {
            _log.LogInformation("Hardware:Mode is none: no button or LEDs");
            return Task.CompletedTask;
        }
        OpenButton();
        OpenLeds();
        if (Button is null && _leds is null) return Task.CompletedTask;

        _subscription = bus.Subscribe(OnEvent);
        if (_leds is not null)
        {
            Render(force: true);
            var period = TimeSpan.FromMilliseconds(Math.Max(20, _o.AnimationMs));
            _timer = time.CreateTimer(_ => Animate(), null, period, period);
        }
        return Task.CompletedTask;
    }

    GpioController Gpio() => _gpio ??= factory.CreateGpio(_o);

    void OpenButton()
    {
        if (_o.ButtonPin < 0) return;
        try
        {
            Button = new ButtonMonitor(Gpio(), _o.ButtonPin, _o.ButtonActiveLow, TimeSpan.FromMilliseconds(_o.DebounceMs),
                TimeSpan.FromMilliseconds(_o.LongPressMs), _o.ButtonName, bus, time, logs.CreateLogger<ButtonMonitor>());
            _log.LogInformation("Button on GPIO {Pin} ({Mode})", _o.ButtonPin, _o.Mode);
        }
        catch (Exception ex) when (ex is HardwareUnavailableException or IOException or InvalidOperationException or ArgumentException)
        {
            _log.LogError("Button disabled: {Reason}", ex.Message);
        }
    }

    void OpenLeds()
    {
        try
        {
            _leds = _o.Led switch
            {
                LedType.Gpio => new GpioLedIndicator(Gpio(), _o.RedPin, _o.GreenPin, _o.BluePin, _o.LedActiveLow),
                LedType.Apa102 => new Apa102LedIndicator(factory.CreateSpi(_o), _o.LedCount, _o.Brightness),
                _ => null,
            };
            if (_leds is not null) _log.LogInformation("LEDs: {Type} ({Mode})", _o.Led, _o.Mode);
        }
        catch (Exception ex) when (ex is HardwareUnavailableException or IOException or InvalidOperationException or ArgumentException)
        {
            _log.LogError("LEDs disabled: {Reason}", ex.Message);
        }
    }

    void OnEvent(VoiceEvent e)
    {
        if (_leds is not null && _states.Apply(e)) Render(force: false);
    }

    void Animate()
    {
        lock (_renderGate)
        {
            var p = _states.Current;
            if (!LedStateMachine.IsAnimated(p) && p == _shown) return;
            _tick++;
        }
        Render(force: false);
    }

    void Render(bool force)
    {
        lock (_renderGate)
        {
            var p = _states.Current;
            if (!force && p == _shown && !LedStateMachine.IsAnimated(p)) return;
            try
            {
                _leds?.Render(p, _tick);
                _shown = p;
            }
            catch (IOException ex)
            {
                _log.LogWarning("LED update failed: {Reason}", ex.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _timer?.Dispose(); _timer = null;
        _subscription?.Dispose(); _subscription = null;
        lock (_renderGate) { _leds?.Dispose(); _leds = null; }
        Button?.Dispose(); Button = null;
        _gpio?.Dispose(); _gpio = null;
    }
}
