namespace Switchyard.Ingress.Tests;

/// <summary>The Ingress tests share <see cref="EchoBackends"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class IngressCollection : ICollectionFixture<EchoBackends>
{
    public const string Name = "ingress echo backends";
}
