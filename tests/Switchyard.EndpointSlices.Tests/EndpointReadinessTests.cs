using k8s.Models;

namespace Switchyard.EndpointSlices.Tests;

public sealed class EndpointReadinessTests
{
    [Fact]
    public void Conditions_AllNil_ReadyServingNotTerminating()
    {
        var conditions = new V1EndpointConditions();

        Assert.True(EndpointReadiness.IsReady(conditions));
        Assert.True(EndpointReadiness.IsServing(conditions));
        Assert.False(EndpointReadiness.IsTerminating(conditions));
    }

    [Fact]
    public void Conditions_Missing_ReadyServingNotTerminating()
    {
        Assert.True(EndpointReadiness.IsReady(null));
        Assert.True(EndpointReadiness.IsServing(null));
        Assert.False(EndpointReadiness.IsTerminating(null));
    }

    [Fact]
    public void Conditions_TerminatingServing_NotReadyButServing()
    {
        var conditions = new V1EndpointConditions { Ready = false, Serving = true, Terminating = true };

        Assert.False(EndpointReadiness.IsReady(conditions));
        Assert.True(EndpointReadiness.IsServing(conditions));
        Assert.True(EndpointReadiness.IsTerminating(conditions));
    }

    [Fact]
    public void Conditions_NotReadyServingNil_ServingAsDocumented()
    {
        // discovery/v1: "A nil value should be interpreted as true" for serving, independent of ready.
        var conditions = new V1EndpointConditions { Ready = false };

        Assert.True(EndpointReadiness.IsServing(conditions));
    }
}
