namespace Switchyard.Ir;

public enum ListenerProtocol
{
    Http,
    Https,

    /// <summary>Gateway API protocol TLS: routed by SNI. Such sockets are <see cref="Snapshot.TlsListeners"/>, never <see cref="Snapshot.Listeners"/>.</summary>
    Tls,
}
