using Switchyard.Gateway.Forwarding;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tests.Forwarding;

public sealed class RetryPlanTests
{
    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(502, false)]
    [InlineData(200, false)]
    [InlineData(600, false)]
    [InlineData(399, false)]
    public void RetriesStatus_OnlyListedCodes(int status, bool expected)
    {
        var plan = Plan(new RetryPolicy { Codes = [500, 503], Attempts = 1 });

        Assert.Equal(expected, plan.RetriesStatus(status));
    }

    [Fact]
    public void Delay_NeverBelowBackoff_DoublesUpToTenTimes()
    {
        var plan = Plan(new RetryPolicy { Attempts = 10, Backoff = TimeSpan.FromMilliseconds(100) });

        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(plan.Delay(1), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(150));
            Assert.InRange(plan.Delay(2), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300));
            Assert.InRange(plan.Delay(9), TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1500));
        }
    }

    [Fact]
    public void Delay_ZeroBackoff_RetriesAtOnce()
    {
        var plan = Plan(new RetryPolicy { Attempts = 2, Backoff = TimeSpan.Zero });

        Assert.Equal(TimeSpan.Zero, plan.Delay(1));
    }

    [Fact]
    public void Create_KeepsBothTimeouts_ZeroMeansNone()
    {
        var plan = RetryPlan.Create(new RouteAction
        {
            Retry = new RetryPolicy { Attempts = 3 },
            RequestTimeout = TimeSpan.FromSeconds(2),
            BackendRequestTimeout = TimeSpan.Zero,
        })!;

        Assert.Equal(3, plan.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(2), plan.RequestTimeout);
        Assert.Null(plan.BackendRequestTimeout);
        Assert.Null(RetryPlan.Create(new RouteAction()));
    }

    private static RetryPlan Plan(RetryPolicy policy) => RetryPlan.Create(new RouteAction { Retry = policy })!;
}
