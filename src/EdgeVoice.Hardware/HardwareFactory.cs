using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Device.Spi;

namespace EdgeVoice.Hardware;

/// <summary>Opens the real or simulated GPIO chip and SPI device, with errors that say what to enable.</summary>
public sealed class HardwareFactory(SimulatedHardware simulated)
{
    public GpioController CreateGpio(HardwareOptions o)
    {
        if (o.Mode == HardwareMode.Simulated) return new GpioController(simulated.Gpio);
        bool hasChip = Directory.Exists(o.DevRoot) && Directory.EnumerateFileSystemEntries(o.DevRoot, "gpiochip*").Any();
        if (!hasChip)
            throw new HardwareUnavailableException(
                $"No {Path.Combine(o.DevRoot, "gpiochip*")}: GPIO is not available. Run on a Raspberry Pi/Jetson with the gpio " +
                "character device (in a container pass --device /dev/gpiochip0), or set Hardware:Mode to simulated or none.");
        if (o.GpioChip >= 0 && !File.Exists(Path.Combine(o.DevRoot, $"gpiochip{o.GpioChip}")))
            throw new HardwareUnavailableException(
                $"No {Path.Combine(o.DevRoot, $"gpiochip{o.GpioChip}")}: check Hardware:GpioChip against `gpiodetect` (or set -1 for auto).");
        try { return o.GpioChip >= 0 ? new GpioController(new LibGpiodDriver(o.GpioChip)) : new GpioController(); }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or PlatformNotSupportedException
            or InvalidOperationException or GpiodException or DllNotFoundException)
        {
            throw new HardwareUnavailableException(
                $"Cannot open GPIO ({ex.Message}). Add the service user to the gpio group (sudo usermod -aG gpio $USER) " +
                "or install the udev rule from hardware/README.md, and install libgpiod (sudo apt install libgpiod2).", ex);
        }
    }

    public SpiDevice CreateSpi(HardwareOptions o)
    {
        var settings = new SpiConnectionSettings(o.SpiBus, o.SpiChipSelect) { ClockFrequency = o.SpiClockHz, Mode = SpiMode.Mode0 };
        if (o.Mode == HardwareMode.Simulated) return simulated.Spi ??= new SimulatedSpiDevice(settings);
        var node = Path.Combine(o.DevRoot, $"spidev{o.SpiBus}.{o.SpiChipSelect}");
        if (!File.Exists(node))
            throw new HardwareUnavailableException(
                $"No {node}: SPI is off. On a Raspberry Pi add dtparam=spi=on to /boot/firmware/config.txt (or raspi-config → " +
                "Interface Options → SPI) and reboot; on Jetson enable SPI with sudo /opt/nvidia/jetson-io/jetson-io.py. " +
                "Check Hardware:SpiBus/SpiChipSelect (ReSpeaker 2-mic LEDs: 0/1).");
        try { return SpiDevice.Create(settings); }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new HardwareUnavailableException(
                $"Cannot open {node} ({ex.Message}). Add the service user to the spi group (sudo usermod -aG spi $USER).", ex);
        }
    }
}

/// <summary>The simulated chip and SPI device used when Hardware:Mode is "simulated" (one per process, so tests can drive them).</summary>
public sealed class SimulatedHardware
{
    public SimulatedGpioDriver Gpio { get; } = new();
    public SimulatedSpiDevice? Spi { get; set; }
}
