using System.Device.Spi;

namespace EdgeVoice.Hardware;

/// <summary>SPI device that records every write, so APA102 frames can be decoded in tests and in simulated mode.</summary>
public sealed class SimulatedSpiDevice(SpiConnectionSettings settings) : SpiDevice
{
    readonly object _gate = new();
    readonly List<byte[]> _writes = [];

    public override SpiConnectionSettings ConnectionSettings { get; } = settings;

    public IReadOnlyList<byte[]> Writes { get { lock (_gate) return [.. _writes]; } }
    public byte[]? LastWrite { get { lock (_gate) return _writes.Count == 0 ? null : _writes[^1]; } }

    public override void Write(ReadOnlySpan<byte> buffer) { lock (_gate) _writes.Add(buffer.ToArray()); }
    public override void WriteByte(byte value) => Write([value]);
    public override byte ReadByte() => 0;
    public override void Read(Span<byte> buffer) => buffer.Clear();
    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        readBuffer.Clear();
    }
}
