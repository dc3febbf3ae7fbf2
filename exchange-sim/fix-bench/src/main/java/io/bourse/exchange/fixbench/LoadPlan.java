package io.bourse.exchange.fixbench;

/**
 * What the client sends: immediate-or-cancel limit buys of {@code quantity} on {@code symbol}, at prices that cycle
 * through the 100 ticks of 0.01 at and below {@code topPriceInHundredths}. With no sell orders on the book none of
 * them trades: a venue acknowledges each (ExecType 0) and cancels its remainder at once (ExecType 4), so its work
 * per order stays the same for the whole run and its book stays empty.
 *
 * <p>{@code ratePerSecond} > 0: open loop at that rate, each order with an intended send time, latency measured
 * from it. 0: as fast as the venue answers, with at most {@code window} orders unanswered, latency measured from
 * each order's actual send time.
 *
 * <p>{@code answerTimeoutNanos}: a venue that sends nothing for this long while orders are unanswered is stuck, and
 * the run stops; it is also how long the last answers are waited for after the last order.
 */
record LoadPlan(
    int ratePerSecond,
    long warmupNanos,
    long measureNanos,
    int window,
    long answerTimeoutNanos,
    String symbol,
    long topPriceInHundredths,
    long quantity,
    Idle idle)
{
    /** What the client thread does between two turns of its loop; it never sleeps either way. */
    enum Idle
    {
        /** {@code Thread.onSpinWait()}: the tightest loop. */
        SPIN,
        /** {@code Thread.yield()}: gives the vCPU to any other runnable thread there, e.g. a venue thread. */
        YIELD
    }

    static final int PRICE_LEVELS = 100;

    LoadPlan
    {
        if (ratePerSecond < 0 || warmupNanos < 0 || measureNanos <= 0 || window <= 0 || answerTimeoutNanos <= 0)
        {
            throw new IllegalArgumentException("a rate >= 0, a warm-up >= 0, a measured time > 0, a window > 0 and an answer timeout > 0");
        }
        if (topPriceInHundredths - PRICE_LEVELS + 1 <= 0 || quantity <= 0)
        {
            throw new IllegalArgumentException("the price range must stay positive and the quantity be positive");
        }
    }

    boolean openLoop()
    {
        return ratePerSecond > 0;
    }

    long priceOf(final long orderIndex)
    {
        return topPriceInHundredths - orderIndex % PRICE_LEVELS;
    }
}
