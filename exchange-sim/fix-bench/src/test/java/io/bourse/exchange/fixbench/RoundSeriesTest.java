package io.bourse.exchange.fixbench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundSeriesTest
{
    @Test
    void mediansAreTakenOverTheRoundsThatHaveTheFigure()
    {
        final RoundSeries series = new RoundSeries();
        series.add(round(30.0, 100.0, 20.0, 700.0, 110_000L));
        series.add(round(35.0, 300.0, 21.0, 600.0, 130_000L));
        series.add(round(40.0, 90.0, 19.0, 2_000.0, null));

        assertEquals(35.0, series.median(RoundSeries.Round::floorP50));
        assertEquals(700.0, series.median(RoundSeries.Round::p99));
        assertEquals(7.0, series.median(RoundSeries.Round::p99Ratio), 1e-9, "ratios 7, 2, 22.2: the middle one");
        assertEquals(120_000.0, series.median(RoundSeries.Round::ordersPerSecond), "two values: their mean");
        assertNull(new RoundSeries().median(RoundSeries.Round::p99), "no rounds, no median");
    }

    @Test
    void jsonGivesTheMediansUnderTheSingleRunNamesAndEveryRoundsRatios()
    {
        final RoundSeries series = new RoundSeries();
        series.add(round(30.0, 100.0, 20.0, 700.0, 110_000L));
        series.add(round(40.0, 200.0, 20.0, 200.0, 130_000L));

        final Report json = new Report();
        series.addTo(json);

        final String text = json.json();
        assertTrue(text.contains("\"ack_p99_us\": 450.00"), text);
        assertTrue(text.contains("\"floor_ack_p99_us\": 150.00"), text);
        assertTrue(text.contains("\"p99_ratio\": 4.00"), text);
        assertTrue(text.contains("\"orders_per_sec\": 120000"), text);
        assertTrue(text.contains("\"runs\": 2"), text);
        assertTrue(text.contains("\"p99_ratios\": [7.00, 1.00]"), text);
    }

    @Test
    void aSingleRoundKeepsTheJsonOfASingleRun()
    {
        final RoundSeries series = new RoundSeries();
        series.add(round(30.0, 100.0, 20.0, 700.0, 110_000L));

        final Report json = new Report();
        series.addTo(json);

        assertTrue(json.json().contains("\"p99_ratio\": 7.00"), json.json());
        assertTrue(!json.json().contains("runs"), json.json());
    }

    @Test
    void theCommandRunsTheRoundsAndEndsWithTheMedians()
    {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        final int status;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            status = new CommandLine(new FixBenchCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(
                "--only", "floor", "--runs", "2", "--rate", "2000", "--warmup", "0.1", "--seconds", "0.3",
                "--client-idle", "spin");
        }
        finally
        {
            System.setOut(original);
        }

        final String output = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        assertTrue(output.contains("=== round 1 of 2") && output.contains("=== round 2 of 2"), output);
        assertTrue(output.contains("== 2 rounds"), output);
        final String[] lines = output.strip().split("\n");
        final String last = lines[lines.length - 1];
        assertTrue(last.startsWith("{") && last.contains("\"runs\": 2") && last.contains("\"measured_orders\": null"),
            last);
        assertTrue(Arrays.stream(lines).anyMatch(line -> line.startsWith("median ")), output);
    }

    @Test
    void runsBelowOneAreRefused()
    {
        final int status = new CommandLine(new FixBenchCommand()).execute("--runs", "0");

        assertEquals(2, status, "picocli's status for a bad parameter");
    }

    private static RoundSeries.Round round(
        final double floorP50, final double floorP99, final double p50, final double p99, final Long ordersPerSecond)
    {
        return new RoundSeries.Round(floorP50, floorP99, floorP99 * 2, p50, p99, p99 * 3, p50 / floorP50, p99 / floorP99,
            ordersPerSecond, 1_000_000L, 200_000L);
    }
}
