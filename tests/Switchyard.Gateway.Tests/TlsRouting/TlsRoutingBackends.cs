namespace Switchyard.Gateway.Tests.TlsRouting;

/// <summary>
/// Backends shared by the TLS routing tests, each on its own loopback address: three that terminate TLS with their own
/// certificates and one plain TCP backend.
/// </summary>
public sealed class TlsRoutingBackends : IAsyncLifetime
{
    internal TcpBackend Alpha { get; private set; } = null!;

    internal TcpBackend Beta { get; private set; } = null!;

    internal TcpBackend Gamma { get; private set; } = null!;

    internal TcpBackend Plain { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Alpha = TcpBackend.StartTls("alpha", "127.0.31.1", "alpha.backend.test");
        Beta = TcpBackend.StartTls("beta", "127.0.31.2", "beta.backend.test");
        Gamma = TcpBackend.StartTls("gamma", "127.0.31.3", "gamma.backend.test");
        Plain = TcpBackend.StartPlain("plain", "127.0.31.4");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Alpha.DisposeAsync();
        await Beta.DisposeAsync();
        await Gamma.DisposeAsync();
        await Plain.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class TlsRoutingCollection : ICollectionFixture<TlsRoutingBackends>
{
    public const string Name = "tls-routing";
}
