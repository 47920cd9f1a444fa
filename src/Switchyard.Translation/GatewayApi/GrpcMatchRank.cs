namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// What GRPCRoute precedence compares after the hostname: characters in the matched service, then in the method,
/// then the number of header matches (the spec's order). The IR match of a GRPCRoute carries extra conditions (POST,
/// the gRPC content type) that must not count.
/// </summary>
internal readonly record struct GrpcMatchRank(int ServiceLength, int MethodLength, int HeaderCount);
