namespace Switchyard.Gateway.Tests.Integration;

/// <summary>The integration tests that share <see cref="EchoBackends"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class EchoCollection : ICollectionFixture<EchoBackends>
{
    public const string Name = "echo backends";
}
