using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Switchyard.Benchmarks.Gateway.RouteMatchingBenchmarks).Assembly).Run(args);
