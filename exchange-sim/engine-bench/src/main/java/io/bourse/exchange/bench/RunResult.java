package io.bourse.exchange.bench;

/** The figures of one measured run; latencies in nanoseconds. */
record RunResult(
    long measuredCommands,
    long elapsedNanos,
    /** Allocated by the engine thread during the measured loop (harness included); about 0 in steady state. */
    long allocatedBytes,
    long p50Nanos,
    long p99Nanos,
    long p999Nanos,
    long maxNanos,
    long trades,
    long tradedQuantity,
    int restingAtEnd,
    long rejects,
    String firstReject)
{
    double opsPerSecond()
    {
        return measuredCommands * 1e9 / elapsedNanos;
    }
}
