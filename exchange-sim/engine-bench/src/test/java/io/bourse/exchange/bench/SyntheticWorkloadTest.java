package io.bourse.exchange.bench;

import io.bourse.exchange.engine.BookType;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticWorkloadTest
{
    private static final int INSTRUMENTS = 2;
    private static final int PREFILL = 2_000;
    private static final int MEASURED = 40_000;

    @Test
    void fastBookEndsWhereTheReferenceBookEndedWhenTheStreamWasGenerated()
    {
        final SyntheticWorkload generated = SyntheticWorkload.generate(INSTRUMENTS, PREFILL, MEASURED, 11);
        try (EngineRun run = new EngineRun(generated.workload, BookType.FAST, null))
        {
            final RunResult result = run.runAll(new Histogram(EngineRun.HIGHEST_TRACKABLE_NANOS, 3));

            assertEquals(0, result.rejects(), result::firstReject);
            assertEquals(MEASURED, result.measuredCommands());
            assertEquals(generated.expectedTrades, result.trades());
            assertEquals(generated.expectedTradedQuantity, result.tradedQuantity());
            assertEquals(generated.expectedRestingAtEnd, result.restingAtEnd());
        }
        assertTrue(generated.expectedTrades > MEASURED / 20, "a mix that hardly trades: " + generated.expectedTrades);
    }

    @Test
    void measuredMixIsTheAdvertisedOne()
    {
        final Workload workload = SyntheticWorkload.generate(INSTRUMENTS, PREFILL, MEASURED, 3).workload;
        final long[] mix = workload.measuredMix();

        assertShare("new limit", 50, mix[Workload.NEW_LIMIT]);
        assertShare("cancel", 30, mix[Workload.CANCEL]);
        assertShare("replace", 15, mix[Workload.REPLACE]);
        assertShare("IOC and market", 5, mix[Workload.NEW_LIMIT_IOC] + mix[Workload.NEW_MARKET]);
        assertTrue(mix[Workload.NEW_MARKET] > 0 && mix[Workload.NEW_LIMIT_IOC] > 0);
    }

    @Test
    void sameSeedGivesTheSameStream()
    {
        final Workload a = SyntheticWorkload.generate(INSTRUMENTS, 500, 5_000, 99).workload;
        final Workload b = SyntheticWorkload.generate(INSTRUMENTS, 500, 5_000, 99).workload;

        assertArrayEquals(a.kind, b.kind);
        assertArrayEquals(a.orderRef, b.orderRef);
        assertArrayEquals(a.price, b.price);
        assertArrayEquals(a.quantity, b.quantity);
        assertArrayEquals(a.sessionId, b.sessionId);
    }

    private static void assertShare(final String what, final int percent, final long count)
    {
        final double share = 100.0 * count / MEASURED;
        assertTrue(Math.abs(share - percent) < 1.5, what + ": " + share + " %, expected about " + percent + " %");
    }
}
