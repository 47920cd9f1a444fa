using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Switchyard.ServiceProxy;

/// <summary>A client IP address as a value, for the ClientIP affinity table without allocating.</summary>
internal readonly record struct ClientKey(ulong High, ulong Low, bool V6)
{
    public static ClientKey From(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return new ClientKey(0, BinaryPrimitives.ReadUInt32BigEndian(bytes), false);
        }

        address.TryWriteBytes(bytes, out _);
        return new ClientKey(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]), true);
    }
}
