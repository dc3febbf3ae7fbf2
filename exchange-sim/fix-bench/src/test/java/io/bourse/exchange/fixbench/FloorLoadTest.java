package io.bourse.exchange.fixbench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against the floor on loopback, as {@code bin/bench fix} runs it, at a low rate and for a second. */
class FloorLoadTest
{
    private static final long MILLIS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void openLoopAcknowledgesEveryOrderAndMeasuresExactlyTheMeasuredOnes() throws Exception
    {
        // 2,000/s is one order every 500 us: intended times n * 500 us, so orders 600-2,599 fall in the measured
        // second after the 300 ms warm-up, and 2,600 are sent in all.
        final LoadPlan plan = new LoadPlan(2_000, 300 * MILLIS, 1_000 * MILLIS, 1, 5_000 * MILLIS, "TEST", 9_500, 100,
            LoadPlan.Idle.SPIN);

        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        final LoadRunner.Outcome outcome = runAgainstFloor(plan, 2_600, progress);

        final LoadResult result = outcome.result();
        assertEquals(2_600, result.ordersSent());
        assertEquals(2_000, result.measuredSent());
        assertEquals(2_000, result.measuredAcked());
        assertEquals(2_000, outcome.latency().getTotalCount());
        assertEquals(2_000, outcome.sendLag().getTotalCount());
        assertTrue(outcome.latency().getMinValue() > 0, "a latency of 0 means a wrong clock");
        // 2,000 acks from the start of the measured second to the last of them: at most 2,000 / 0.9995 s.
        assertTrue(result.ordersPerSecond() > 1_800 && result.ordersPerSecond() < 2_002,
            "orders/s " + result.ordersPerSecond());
        final String output = progress.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("[floor]") && output.contains("warm-up"), "a progress line a second: " + output);
    }

    @Test
    void throughputModeKeepsAtMostTheWindowInFlightAndAcknowledgesEveryOrder() throws Exception
    {
        final LoadPlan plan = new LoadPlan(0, 100 * MILLIS, 400 * MILLIS, 8, 5_000 * MILLIS, "TEST", 9_500, 100,
            LoadPlan.Idle.SPIN);

        final LoadRunner.Outcome outcome = runAgainstFloor(plan, -1, new ByteArrayOutputStream());

        final LoadResult result = outcome.result();
        assertTrue(result.measuredSent() > 100, "only " + result.measuredSent() + " orders in 400 ms");
        assertEquals(result.measuredSent(), result.measuredAcked());
        assertEquals(result.measuredAcked(), outcome.latency().getTotalCount());
        assertEquals(0, outcome.sendLag().getTotalCount(), "no intended times, so no send lag");
    }

    private static LoadRunner.Outcome runAgainstFloor(
        final LoadPlan plan, final long expectedOrders, final ByteArrayOutputStream progress) throws Exception
    {
        final LoadRunner.Outcome outcome;
        final long floorAcked;
        try (FloorAcceptor floor = FloorAcceptor.start(0))
        {
            final FixSessionSettings settings = new FixSessionSettings(
                new InetSocketAddress("127.0.0.1", floor.port()), "CLIENT1", "BOURSE", "client1-secret", 30);
            outcome = LoadRunner.run("floor", settings, plan, List.of(),
                new PrintStream(progress, true, StandardCharsets.UTF_8));
            floorAcked = floor.ordersAcked();
        }
        final String output = progress.toString(StandardCharsets.UTF_8);
        assertTrue(outcome.ok(), outcome.failure() + " / " + outcome.result() + "\n" + output);
        final LoadResult result = outcome.result();
        assertEquals(0, result.unanswered());
        assertEquals(0, result.rejected());
        assertEquals(0, result.unexpected());
        assertEquals(result.ordersSent(), floorAcked, "the floor answered every order once");
        if (expectedOrders >= 0)
        {
            assertEquals(expectedOrders, floorAcked);
        }
        assertNoThreadLeft();
        return outcome;
    }

    private static void assertNoThreadLeft()
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            final String name = thread.getName();
            assertTrue(!thread.isAlive() || !(name.startsWith(FloorAcceptor.THREAD_NAME_PREFIX) ||
                name.equals(LoadRunner.CLIENT_THREAD)), "still running: " + name);
        }
    }
}
