namespace Switchyard.GrpcRoute.Tests;

/// <summary>The GRPCRoute tests share <see cref="GrpcBackends"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class GrpcCollection : ICollectionFixture<GrpcBackends>
{
    public const string Name = "grpc backends";
}
