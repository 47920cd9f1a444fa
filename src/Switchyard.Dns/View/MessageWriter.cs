using Switchyard.Dns.Protocol;

namespace Switchyard.Dns.View;

/// <summary>Appends to a response buffer up to a limit; every write is all-or-nothing.</summary>
internal ref struct MessageWriter
{
    private readonly Span<byte> _buffer;

    public MessageWriter(Span<byte> buffer, int limit)
    {
        _buffer = buffer;
        Limit = limit;
        Position = DnsConstants.HeaderLength;
    }

    public int Position { get; set; }

    /// <summary>Where sections must end; the caller keeps room for the OPT record past it.</summary>
    public int Limit { get; }

    public readonly Span<byte> Buffer => _buffer;

    public bool TryWrite(ReadOnlySpan<byte> bytes)
    {
        if (Position + bytes.Length > Limit)
        {
            return false;
        }

        bytes.CopyTo(_buffer[Position..]);
        Position += bytes.Length;
        return true;
    }

    /// <summary>
    /// Writes every record of <paramref name="set"/> with an owner that is a pointer to <paramref name="ownerPointer"/>
    /// or, when that is negative or out of pointer range, the full <paramref name="ownerName"/>. Apex pointers in RDATA
    /// go to <paramref name="apexOffset"/>, or to the owner itself when negative (the owner is then the apex, in full).
    /// Writes all records or none.
    /// </summary>
    public bool TryWriteRecordSet(EncodedRecordSet set, int ownerPointer, ReadOnlySpan<byte> ownerName, int apexOffset, out int ownerLength)
    {
        var usePointer = ownerPointer is >= 0 and <= DnsConstants.MaxPointerOffset;
        ownerLength = usePointer ? 2 : ownerName.Length;
        var total = set.Body.Length + (set.Count * ownerLength);
        if (Position + total > Limit || (!usePointer && ownerName.Length == 0))
        {
            return false;
        }

        var start = Position;
        var patch = 0;
        var patches = set.ApexPatches;
        for (var i = 0; i < set.Count; i++)
        {
            var ownerAt = Position;
            if (usePointer)
            {
                DnsWire.TryWritePointer(_buffer[Position..], ownerPointer);
            }
            else
            {
                ownerName.CopyTo(_buffer[Position..]);
            }

            Position += ownerLength;
            var from = set.Starts[i];
            var to = set.Starts[i + 1];
            var bodyAt = Position;
            set.Body.AsSpan(from, to - from).CopyTo(_buffer[Position..]);
            Position += to - from;
            var apex = apexOffset >= 0 ? apexOffset : (usePointer ? ownerPointer : ownerAt);
            while (patch < patches.Length && patches[patch] < to)
            {
                if (!DnsWire.TryWritePointer(_buffer[(bodyAt + patches[patch] - from)..], apex))
                {
                    Position = start;
                    return false;
                }

                patch++;
            }
        }

        return true;
    }
}
