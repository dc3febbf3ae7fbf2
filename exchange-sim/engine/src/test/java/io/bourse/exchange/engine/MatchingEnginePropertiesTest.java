package io.bourse.exchange.engine;

import io.bourse.exchange.engine.CommandStreams.Step;
import io.bourse.exchange.engine.EngineChecks.BookMirror;
import io.bourse.exchange.engine.EngineChecks.EveryCommandAnswered;
import io.bourse.exchange.engine.EngineChecks.PricePriority;
import io.bourse.exchange.engine.EngineChecks.QuantityLedger;
import io.bourse.exchange.engine.EngineChecks.UncrossedBook;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Properties of the engine over random command streams ({@link CommandStreams}: two instruments, three sessions,
 * every order type, cancels and replaces of live and dead orders, invalid input, phases, halts, ticks).
 *
 * <p>jqwik prints the seed of every run; a failure is shrunk to a short stream and reported with the step, the
 * command and its events. To replay one, put its seed in the property: {@code @Property(seed = "...")}. Sizes are
 * modest (200 streams of up to 300 commands per property) so the suite stays quick on a two-core machine. Edge
 * cases are off: jqwik's edge cases of a stream are trivial one-step streams.
 */
class MatchingEnginePropertiesTest
{
    private static final int TRIES = 200;
    private static final int MAX_STEPS = 300;

    @Provide
    Arbitrary<List<Step>> streams()
    {
        return CommandStreams.streams(MAX_STEPS);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void bookNeverCrossedAtRestInContinuousTrading(
        @ForAll("streams") final List<Step> steps, @ForAll final BookType bookType)
    {
        assertPassed(StreamRun.run(steps, bookType, new UncrossedBook()));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void quantityConservedForEveryOrder(@ForAll("streams") final List<Step> steps, @ForAll final BookType bookType)
    {
        assertPassed(StreamRun.run(steps, bookType, new QuantityLedger()));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void fillsRespectPriceTimePriority(@ForAll("streams") final List<Step> steps, @ForAll final BookType bookType)
    {
        assertPassed(StreamRun.run(steps, bookType, new PricePriority()));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void bookRebuiltFromL3AndL2EventsEqualsEngineBook(
        @ForAll("streams") final List<Step> steps, @ForAll final BookType bookType)
    {
        assertPassed(StreamRun.run(steps, bookType, new BookMirror()));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void badInputIsAnsweredNeverThrown(@ForAll("streams") final List<Step> steps, @ForAll final BookType bookType)
    {
        // StreamRun fails any command whose process() throws or that is not closed by one onCommandProcessed.
        assertPassed(StreamRun.run(steps, bookType, new EveryCommandAnswered()));
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void sameStreamGivesSameEventsAndState(@ForAll("streams") final List<Step> steps, @ForAll final BookType bookType)
    {
        final StreamRun.Outcome first = StreamRun.run(steps, bookType);
        final StreamRun.Outcome second = StreamRun.run(steps, bookType);

        assertPassed(first);
        assertSame("run 1", first, "run 2", second);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void referenceAndFastBooksAgree(@ForAll("streams") final List<Step> steps)
    {
        final StreamRun.Outcome reference = StreamRun.run(steps, BookType.REFERENCE);
        final StreamRun.Outcome fast = StreamRun.run(steps, BookType.FAST);

        assertPassed(reference);
        assertPassed(fast);
        assertSame("REFERENCE", reference, "FAST", fast);
    }

    private static void assertPassed(final StreamRun.Outcome outcome)
    {
        assertTrue(outcome.passed(), outcome::report);
    }

    /** Equal transcripts and equal state hashes after every command; a failure shows where they part. */
    private static void assertSame(
        final String firstName, final StreamRun.Outcome first, final String secondName, final StreamRun.Outcome second)
    {
        final List<String> a = first.transcript();
        final List<String> b = second.transcript();
        final int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++)
        {
            if (!a.get(i).equals(b.get(i)))
            {
                fail("events differ at line " + i + " (command " + commandNumber(a, i) + "):\n  " + firstName + ": " +
                    a.get(i) + "\n  " + secondName + ": " + b.get(i) + "\n  preceded by:\n    " +
                    String.join("\n    ", a.subList(Math.max(0, i - 8), i)));
            }
        }
        if (a.size() != b.size())
        {
            fail(firstName + " has " + a.size() + " event lines, " + secondName + " " + b.size() +
                "; the first extra: " + (a.size() > b.size() ? a.get(common) : b.get(common)));
        }
        final List<Long> hashesA = first.stateHashes();
        final List<Long> hashesB = second.stateHashes();
        for (int i = 0; i < Math.min(hashesA.size(), hashesB.size()); i++)
        {
            if (!hashesA.get(i).equals(hashesB.get(i)))
            {
                fail("stateHash differs after step " + i + " with identical events: " + firstName + " " +
                    hashesA.get(i) + ", " + secondName + " " + hashesB.get(i));
            }
        }
    }

    private static long commandNumber(final List<String> transcript, final int line)
    {
        return transcript.subList(0, line).stream().filter(text -> text.startsWith("processed ")).count() + 1;
    }
}
