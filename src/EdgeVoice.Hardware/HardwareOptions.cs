namespace EdgeVoice.Hardware;

public enum HardwareMode { None, Simulated, Gpio }
public enum LedType { None, Gpio, Apa102 }

/// <summary>Bound from the "Hardware" configuration section. Pin numbers are BCM/logical GPIO numbers.</summary>
public sealed class HardwareOptions
{
    public HardwareMode Mode { get; set; } = HardwareMode.None;

    /// <summary>-1: let System.Device.Gpio pick the board driver. N: libgpiod on /dev/gpiochipN (Jetson, or Pi 5 on older kernels: 4).</summary>
    public int GpioChip { get; set; } = -1;

    /// <summary>Push-to-talk button; 17 is the ReSpeaker 2-mic HAT user button. -1 disables it.</summary>
    public int ButtonPin { get; set; } = 17;
    /// <summary>True when the button pulls the pin to ground (ReSpeaker, and the wiring in hardware/README.md).</summary>
    public bool ButtonActiveLow { get; set; } = true;
    public int DebounceMs { get; set; } = 30;
    /// <summary>Holding at least this long toggles mute instead of push-to-talk.</summary>
    public int LongPressMs { get; set; } = 1500;
    public string ButtonName { get; set; } = "talk";

    public LedType Led { get; set; } = LedType.None;
    /// <summary>Plain LEDs (or one RGB LED): -1 leaves a colour unwired.</summary>
    public int RedPin { get; set; } = 5;
    public int GreenPin { get; set; } = 6;
    public int BluePin { get; set; } = 13;
    public bool LedActiveLow { get; set; }

    /// <summary>APA102 on SPI: the ReSpeaker 2-mic HAT has 3 LEDs on SPI0, chip select 1.</summary>
    public int SpiBus { get; set; }
    public int SpiChipSelect { get; set; } = 1;
    public int SpiClockHz { get; set; } = 8_000_000;
    public int LedCount { get; set; } = 3;
    /// <summary>0..255, scaled to the 5-bit APA102 global brightness.</summary>
    public int Brightness { get; set; } = 64;

    /// <summary>Where device nodes are checked (gpiochip*, spidev*); tests point it at a temp folder.</summary>
    public string DevRoot { get; set; } = "/dev";
    public int AnimationMs { get; set; } = 150;
}
