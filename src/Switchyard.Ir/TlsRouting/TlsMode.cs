namespace Switchyard.Ir.TlsRouting;

/// <summary>What a TLS listener does with a connection once its SNI name picked a route.</summary>
public enum TlsMode
{
    /// <summary>Forward the bytes as they are (the backend terminates TLS); the gateway reads only the ClientHello.</summary>
    Passthrough,

    /// <summary>Terminate TLS with the listener's certificate and forward the plain bytes over TCP.</summary>
    Terminate,
}
