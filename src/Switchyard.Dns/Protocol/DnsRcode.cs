namespace Switchyard.Dns.Protocol;

/// <summary>RCODE values (RFC 1035 §4.1.1; BADVERS is the extended code of RFC 6891 §9).</summary>
public enum DnsRcode : ushort
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NXDomain = 3,
    NotImp = 4,
    Refused = 5,
    BadVers = 16,
}
