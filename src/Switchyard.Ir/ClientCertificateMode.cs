namespace Switchyard.Ir;

/// <summary>What happens to a client without a valid certificate (Gateway API <c>FrontendValidationModeType</c>).</summary>
public enum ClientCertificateMode
{
    /// <summary>The handshake fails unless the client presents a certificate that validates against the CAs.</summary>
    AllowValidOnly,

    /// <summary>A certificate is asked for, but a client without one, or with one that does not validate, is served too.</summary>
    AllowInsecureFallback,
}
