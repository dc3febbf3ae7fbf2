package io.bourse.exchange.journal;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;
import io.bourse.exchange.engine.BookType;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.EngineSnapshot;
import io.bourse.exchange.engine.EngineSnapshot.InstrumentState;
import io.bourse.exchange.engine.EngineSnapshot.OrderState;
import io.bourse.exchange.engine.MatchingEngine;
import io.bourse.exchange.engine.SelfTradePrevention;
import io.bourse.exchange.engine.TradingPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotStoreTest
{
    @TempDir
    Path dir;

    @Test
    void aSnapshotReadsBackEqual() throws IOException
    {
        final EngineSnapshot snapshot = handBuiltSnapshot(1234);

        final Path file = SnapshotStore.write(dir, snapshot);

        assertEquals(dir.resolve("snapshot-00000000000000001234.sbe"), file);
        assertEquals(snapshot, SnapshotStore.load(file));
        assertEquals(Optional.of(snapshot), SnapshotStore.loadLatest(dir));
        assertEquals(List.of(file), filesIn(dir), "no temporary file left");
    }

    @Test
    void anEmptyEngineSnapshotReadsBackEqual() throws IOException
    {
        final EngineSnapshot empty = new EngineSnapshot(0, 0, 1, 1, 0, 0, List.of(), List.of());
        assertEquals(empty, SnapshotStore.load(SnapshotStore.write(dir, empty)));
    }

    @Test
    void aBusyEngineSnapshotReadsBackEqualAndRestoresTheSameState() throws IOException
    {
        final MatchingEngine engine = new MatchingEngine(RandomCommandStream.INSTRUMENTS, EngineRecovery.SILENT);
        for (final Command command : RandomCommandStream.generate(7, 2, 3_000))
        {
            engine.process(command);
        }
        final EngineSnapshot snapshot = engine.snapshot();
        assertTrue(snapshot.orders().size() > 20, "a book worth the name: " + snapshot.orders().size());

        final EngineSnapshot loaded = SnapshotStore.load(SnapshotStore.write(dir, snapshot));

        assertEquals(snapshot, loaded);
        final MatchingEngine restored = MatchingEngine.fromSnapshot(
            RandomCommandStream.INSTRUMENTS, EngineRecovery.SILENT, BookType.FAST, loaded);
        assertEquals(engine.stateHash(), restored.stateHash());
    }

    @Test
    void loadLatestTakesTheHighestSequence() throws IOException
    {
        SnapshotStore.write(dir, handBuiltSnapshot(9));
        SnapshotStore.write(dir, handBuiltSnapshot(100));
        SnapshotStore.write(dir, handBuiltSnapshot(10));

        assertEquals(100, SnapshotStore.loadLatest(dir).orElseThrow().sequence());
    }

    @Test
    void loadLatestSkipsADamagedNewestSnapshot() throws IOException
    {
        SnapshotStore.write(dir, handBuiltSnapshot(10));
        final Path newest = SnapshotStore.write(dir, handBuiltSnapshot(20));
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 1;
        Files.write(newest, bytes);

        assertEquals(10, SnapshotStore.loadLatest(dir).orElseThrow().sequence());
    }

    @Test
    void everyTruncationAndEveryDamagedByteIsDetected() throws IOException
    {
        final Path file = SnapshotStore.write(dir, handBuiltSnapshot(5));
        final byte[] whole = Files.readAllBytes(file);

        for (int cut = 0; cut < whole.length; cut++)
        {
            Files.write(file, Arrays.copyOf(whole, cut));
            assertThrows(IOException.class, () -> SnapshotStore.load(file), "cut at " + cut);
        }
        for (int offset = 0; offset < whole.length; offset++)
        {
            final byte[] damaged = whole.clone();
            damaged[offset] ^= (byte)0x81;
            Files.write(file, damaged);
            assertThrows(IOException.class, () -> SnapshotStore.load(file), "damaged at " + offset);
        }
        final byte[] longer = Arrays.copyOf(whole, whole.length + 8);
        Files.write(file, longer);
        assertThrows(IOException.class, () -> SnapshotStore.load(file), "trailing zeros");
        assertEquals(Optional.empty(), SnapshotStore.loadLatest(dir));
    }

    @Test
    void aRenamedSnapshotIsNotTrusted() throws IOException
    {
        final Path file = SnapshotStore.write(dir, handBuiltSnapshot(5));
        Files.move(file, dir.resolve(SnapshotStore.fileName(6)));

        assertEquals(Optional.empty(), SnapshotStore.loadLatest(dir));
    }

    @Test
    void temporaryAndForeignFilesAreIgnored() throws IOException
    {
        Files.write(dir.resolve(SnapshotStore.fileName(50) + SnapshotStore.TEMPORARY_SUFFIX), new byte[]{1, 2, 3});
        Files.write(dir.resolve("snapshot-latest.sbe"), new byte[]{1, 2, 3});
        Files.write(dir.resolve("notes.txt"), new byte[]{1, 2, 3});
        SnapshotStore.write(dir, handBuiltSnapshot(7));

        assertEquals(7, SnapshotStore.loadLatest(dir).orElseThrow().sequence());
        SnapshotStore.deleteTemporaryFiles(dir);
        assertFalse(Files.exists(dir.resolve(SnapshotStore.fileName(50) + SnapshotStore.TEMPORARY_SUFFIX)));
        assertTrue(Files.exists(dir.resolve("notes.txt")));
    }

    @Test
    void noSnapshotInAnEmptyOrMissingDirectory() throws IOException
    {
        assertEquals(Optional.empty(), SnapshotStore.loadLatest(dir));
        assertEquals(Optional.empty(), SnapshotStore.loadLatest(dir.resolve("missing")));
    }

    /** Every field away from its default, enums cycling through their values, absent prices included. */
    static EngineSnapshot handBuiltSnapshot(final long sequence)
    {
        final List<InstrumentState> instruments = List.of(
            new InstrumentState(1, TradingPhase.CONTINUOUS, false, Price.parse("100.00"), Price.NONE),
            new InstrumentState(7, TradingPhase.CLOSING_AUCTION, true, Price.parse("20.05"), Price.parse("19.95")));
        final List<OrderState> orders = List.of(
            new OrderState(11, 1, 1, 1, "BUY-1", "", Side.BUY, OrdType.LIMIT, TimeInForce.DAY, 100,
                Price.parse("99.99"), Price.NONE, 0, 100, 0, 100, 0, 0, 0, false, SelfTradePrevention.NONE, true,
                TestCommands.START_TIME),
            new OrderState(12, 2, 3, 1, "ICE-2", "ICE-1", Side.SELL, OrdType.STOP_LIMIT, TimeInForce.GTD, 5_000,
                Price.parse("100.01"), Price.parse("100.50"), 1_200, 3_800, 1_200 * Price.parse("100.01"), 500,
                500, 100, TestCommands.START_TIME + 9, true, SelfTradePrevention.DECREMENT, true,
                TestCommands.START_TIME + 1),
            new OrderState(13, 4, 0, 7, "X".repeat(40), "Y".repeat(40), Side.BUY, OrdType.STOP,
                TimeInForce.GTC, 10, Price.NONE, Price.parse("21.00"), 0, 10, 0, 0, 0, 0, 0, false,
                SelfTradePrevention.CANCEL_BOTH, false, TestCommands.START_TIME + 2));
        return new EngineSnapshot(
            sequence, TestCommands.START_TIME + 3, 14, 5, 4, 1_700, instruments, orders);
    }

    private static List<Path> filesIn(final Path dir) throws IOException
    {
        try (var files = Files.list(dir))
        {
            return files.sorted().toList();
        }
    }
}
