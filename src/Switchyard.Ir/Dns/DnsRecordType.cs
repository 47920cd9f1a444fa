namespace Switchyard.Ir.Dns;

/// <summary>The record types the cluster zone holds, with their RFC 1035 / 3596 / 2782 type codes.</summary>
public enum DnsRecordType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    TXT = 16,
    AAAA = 28,
    SRV = 33,
}
