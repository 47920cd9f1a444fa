using Switchyard.Gateway.Forwarding;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Forwarding;

public sealed class RuleActionTests
{
    [Fact]
    public void Create_AllWeightsZero_DirectResponse500()
    {
        var action = RuleAction.Create(Rule("r", action: Forward(("a", 0))), Clusters("a"), []);

        Assert.Equal(RuleActionKind.DirectResponse, action.Kind);
        Assert.Equal(500, action.StatusCode);
    }

    [Fact]
    public void Create_UndefinedCluster_BackendKeptWithoutClusterAndProblemReported()
    {
        var problems = new List<string>();

        var action = RuleAction.Create(Rule("r", action: Forward(("a", 1), ("missing", 1))), Clusters("a"), problems);

        Assert.Equal(RuleActionKind.Forward, action.Kind);
        Assert.Null(action.Backends[1].Cluster);
        Assert.Contains(problems, p => p.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void PickBackend_Weights_ZeroExcludedAndSplitProportional()
    {
        var action = RuleAction.Create(Rule("r", action: Forward(("a", 1), ("b", 0), ("c", 3))), Clusters("a", "b", "c"), []);
        var counts = new Dictionary<string, int>();

        for (var i = 0; i < 40_000; i++)
        {
            var id = action.PickBackend().ClusterId;
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        Assert.False(counts.ContainsKey("b"));
        Assert.InRange(counts["c"] / 40_000.0, 0.73, 0.77);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(2.0, null, 2.0)]
    [InlineData(null, 1.5, 1.5)]
    [InlineData(2.0, 1.0, 1.0)]
    [InlineData(0.0, 1.0, 1.0)]
    public void Create_Timeouts_SmallerPositiveWins(double? request, double? backend, double? expected)
    {
        var rule = Rule("r", action: Forward(("a", 1)) with
        {
            RequestTimeout = request is null ? null : TimeSpan.FromSeconds(request.Value),
            BackendRequestTimeout = backend is null ? null : TimeSpan.FromSeconds(backend.Value),
        });

        var action = RuleAction.Create(rule, Clusters("a"), []);

        Assert.Equal(expected is null ? null : TimeSpan.FromSeconds(expected.Value), action.Timeout);
    }

    [Fact]
    public void Create_InvalidHeaderName_DroppedWithProblem()
    {
        var problems = new List<string>();
        var rule = Rule("r", action: Forward(("a", 1)) with
        {
            RequestHeaders = new HeaderModifier { Set = Pairs(("bad header", "x"), ("Good", "y")) },
        });

        var action = RuleAction.Create(rule, Clusters("a"), problems);

        Assert.Equal(RuleActionKind.Forward, action.Kind);
        Assert.Single(problems);
        using var request = new HttpRequestMessage();
        action.Backends[0].Transformer.ApplyRequestModifiers(request);
        Assert.Equal("y", Assert.Single(request.Headers.GetValues("Good")));
    }

    [Fact]
    public void Create_BackendWithDirectResponse_ItsStatusWithoutProblem()
    {
        var problems = new List<string>();
        var rule = Rule("r", action: new RouteAction
        {
            Backends = [new WeightedBackend { ClusterId = "service/ns/missing/port/80", Weight = 1, DirectResponse = new DirectResponse { StatusCode = 503 } }],
        });

        var action = RuleAction.Create(rule, Clusters("a"), problems);

        Assert.Equal(RuleActionKind.Forward, action.Kind);
        Assert.Null(action.Backends[0].Cluster);
        Assert.Equal(503, action.Backends[0].DirectStatus);
        Assert.Empty(problems);
    }

    [Fact]
    public void Create_Policies_Compiled()
    {
        var rule = Rule("r", action: Forward(("a", 1)) with
        {
            SourceRanges = ["192.0.2.0/24"],
            MaxRequestBodySize = 1024,
            Cors = new CorsPolicy { AllowOrigins = ["*"] },
        });

        var action = RuleAction.Create(rule, Clusters("a"), []);

        Assert.NotNull(action.SourceRanges);
        Assert.Equal(1024, action.MaxRequestBodySize);
        Assert.NotNull(action.Cors);
    }

    [Fact]
    public void Update_TimeoutsChange_NewClusterState()
    {
        var registry = new ClusterRegistry(new GatewayDataPlaneOptions(), TimeProvider.System);
        var first = registry.Update([Cluster("a")])["a"].State;
        var same = registry.Update([Cluster("a")])["a"].State;
        var slower = registry.Update([Cluster("a") with { ReadTimeout = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(1) }])["a"].State;

        Assert.Same(first, same);
        Assert.NotSame(first, slower);
        Assert.Equal(TimeSpan.FromSeconds(5), slower.RequestConfig.ActivityTimeout);
    }

    private static Dictionary<string, CompiledCluster> Clusters(params string[] ids)
    {
        var registry = new ClusterRegistry(new GatewayDataPlaneOptions(), TimeProvider.System);
        return registry.Update([.. ids.Select(id => Cluster(id))]);
    }
}
