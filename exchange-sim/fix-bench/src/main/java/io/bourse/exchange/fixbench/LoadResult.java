package io.bourse.exchange.fixbench;

/**
 * Counts of one client run. "Measured" orders are those whose intended send time (open loop) or actual send time
 * (throughput mode) fell in the measured window.
 *
 * @param ordersSent          all orders, warm-up included
 * @param measuredSent        measured orders sent
 * @param measuredAcked       measured orders acknowledged (ExecType 0)
 * @param rejected            orders the venue rejected (ExecType 8)
 * @param cancels             ExecutionReports with ExecType 4 (an IOC order's remainder)
 * @param fills               ExecutionReports with ExecType 1 or 2 (none expected)
 * @param unanswered          orders neither acknowledged nor rejected when the run ended
 * @param unexpected          acknowledgements naming no order in flight (duplicates, foreign ClOrdIDs)
 * @param sendStalls          open loop: times an order was due but the in-flight limit held it back
 * @param measureStartNanos   start of the measured window (System.nanoTime)
 * @param lastMeasuredAckNanos when the last measured order's acknowledgement arrived (System.nanoTime)
 * @param firstRejectText     Text(58) of the first rejected order, or null
 */
record LoadResult(
    long ordersSent,
    long measuredSent,
    long measuredAcked,
    long rejected,
    long cancels,
    long fills,
    long unanswered,
    long unexpected,
    long sendStalls,
    long measureStartNanos,
    long lastMeasuredAckNanos,
    String firstRejectText)
{
    /** Measured acknowledgements per second, from the start of the measured window to the last of them. */
    double ordersPerSecond()
    {
        final long elapsed = lastMeasuredAckNanos - measureStartNanos;
        return measuredAcked == 0 || elapsed <= 0 ? 0 : measuredAcked * 1e9 / elapsed;
    }

    /** Every order answered, every measured one acknowledged, nothing rejected or unexplained. */
    boolean complete()
    {
        return unanswered == 0 && rejected == 0 && unexpected == 0 && measuredAcked == measuredSent;
    }
}
