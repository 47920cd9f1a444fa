namespace Switchyard.Translation.Backends;

public enum ServicePortOutcome
{
    Found,
    ServiceNotFound,
    PortNotFound,

    /// <summary>ExternalName Services point at DNS names outside the cluster; they are not forwarded to (CVE-2021-25740).</summary>
    ExternalName,

    /// <summary>The port's protocol or appProtocol cannot carry HTTP from Switchyard (UDP, SCTP, TLS to the backend).</summary>
    UnsupportedProtocol,

    /// <summary>A BackendTLSPolicy selects the port but cannot be honoured: the backend is unusable, never cleartext.</summary>
    InvalidBackendTls,
}
