package io.bourse.exchange.bench;

import io.bourse.exchange.engine.BookType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay path of {@code bin/bench engine --replay} against the shared reference generator's own figures, on
 * both books: if the mapping of PLACE / CANCEL / MOVE / REDUCE onto engine commands were wrong, or a book broke
 * price-time priority, the trade count would differ.
 *
 * <p>The fixture was made with the shared generator, in exchange-sim/engine-bench:
 * <pre>
 * java /work/shared/bench/EngineWorkload.java --measured 20000 --out src/test/resources/workload-20k.csv
 * </pre>
 * which printed: {@code commands=30000 prefill=10000 expected_trades=5043 expected_traded_qty=152901
 * resting_after_prefill=10000 resting_at_end=9949}.
 */
class WorkloadReplayTest
{
    private static final long EXPECTED_TRADES = 5_043;
    private static final long EXPECTED_TRADED_QTY = 152_901;
    private static final int EXPECTED_RESTING_AT_END = 9_949;

    private static Workload workload;

    @BeforeAll
    static void load() throws Exception
    {
        workload = WorkloadCsv.load(fixture());
        assertEquals(30_000, workload.size);
        assertEquals(10_000, workload.prefillCount);
        assertEquals(1, workload.instrumentCount);
    }

    @ParameterizedTest
    @EnumSource(BookType.class)
    void replayEndsWithTheGeneratorsFigures(final BookType bookType)
    {
        final ByteArrayOutputStream report = new ByteArrayOutputStream();
        final ReplayBench.Summary summary = ReplayBench.replay(
            workload, bookType, null, 1, 2, new PrintStream(report, true, StandardCharsets.UTF_8));

        final String context = report.toString(StandardCharsets.UTF_8);
        assertEquals(0, summary.rejects(), () -> "first reject: " + summary.firstReject() + "\n" + context);
        assertEquals(EXPECTED_TRADES, summary.trades(), context);
        assertEquals(EXPECTED_TRADED_QTY, summary.tradedQuantity(), context);
        assertEquals(EXPECTED_RESTING_AT_END, summary.restingAtEnd(), context);
        assertTrue(summary.consistent(), () -> "runs disagree\n" + context);
        assertTrue(summary.opsPerSecond() > 0 && summary.p50Nanos() > 0 && summary.p99Nanos() >= summary.p50Nanos(),
            context);
    }

    @Test
    void journaledReplayEndsTheSameAndLeavesNoFiles(@TempDir final Path journalParent) throws IOException
    {
        final ReplayBench.Summary summary = ReplayBench.replay(
            workload, BookType.FAST, journalParent, 0, 1, new PrintStream(OutputStream.nullOutputStream()));

        assertEquals(0, summary.rejects(), summary::firstReject);
        assertEquals(EXPECTED_TRADES, summary.trades());
        assertEquals(EXPECTED_TRADED_QTY, summary.tradedQuantity());
        assertEquals(EXPECTED_RESTING_AT_END, summary.restingAtEnd());
        try (Stream<Path> left = Files.list(journalParent))
        {
            assertEquals(List.of(), left.toList());
        }
    }

    private static Path fixture() throws URISyntaxException
    {
        return Path.of(WorkloadReplayTest.class.getResource("/workload-20k.csv").toURI());
    }
}
