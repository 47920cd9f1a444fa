namespace Switchyard.Probing.Tests;

public sealed class ProbeResultTrackerTests
{
    [Fact]
    public void Record_FirstSuccess_ReadyWithThresholdOne()
    {
        var tracker = new ProbeResultTracker(successThreshold: 1, failureThreshold: 3);
        Assert.False(tracker.Ready);
        Assert.True(tracker.Record(true));
        Assert.True(tracker.Ready);
    }

    [Fact]
    public void Record_SuccessThreshold_NeedsConsecutiveSuccesses()
    {
        var tracker = new ProbeResultTracker(successThreshold: 3, failureThreshold: 1);
        Assert.False(tracker.Record(true));
        Assert.False(tracker.Record(true));
        Assert.False(tracker.Record(false));
        Assert.False(tracker.Record(true));
        Assert.False(tracker.Record(true));
        Assert.True(tracker.Record(true));
        Assert.True(tracker.Ready);
    }

    [Fact]
    public void Record_FailureThreshold_NeedsConsecutiveFailures()
    {
        var tracker = new ProbeResultTracker(successThreshold: 1, failureThreshold: 3);
        tracker.Record(true);
        Assert.False(tracker.Record(false));
        Assert.False(tracker.Record(false));
        Assert.False(tracker.Record(true));
        Assert.False(tracker.Record(false));
        Assert.False(tracker.Record(false));
        Assert.True(tracker.Ready);
        Assert.True(tracker.Record(false));
        Assert.False(tracker.Ready);
    }

    [Fact]
    public void Record_FailuresBeforeFirstSuccess_StayNotReadyWithoutChange()
    {
        var tracker = new ProbeResultTracker(successThreshold: 1, failureThreshold: 1);
        Assert.False(tracker.Record(false));
        Assert.False(tracker.Ready);
    }
}
