namespace Switchyard.Probing;

internal enum ProbeKind
{
    HttpGet,
    TcpSocket,
    Grpc,

    /// <summary>The probe cannot be run here (exec, or no handler): the Pod's written readiness stands.</summary>
    Unsupported,
}
