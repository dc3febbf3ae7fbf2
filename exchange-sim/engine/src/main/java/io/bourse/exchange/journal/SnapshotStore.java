package io.bourse.exchange.journal;

import io.bourse.codecs.journal.BooleanType;
import io.bourse.codecs.journal.InstrumentStateDecoder;
import io.bourse.codecs.journal.InstrumentStateEncoder;
import io.bourse.codecs.journal.MessageHeaderDecoder;
import io.bourse.codecs.journal.MessageHeaderEncoder;
import io.bourse.codecs.journal.OrdTypeCode;
import io.bourse.codecs.journal.OrderStateDecoder;
import io.bourse.codecs.journal.OrderStateEncoder;
import io.bourse.codecs.journal.SelfTradePreventionCode;
import io.bourse.codecs.journal.SideCode;
import io.bourse.codecs.journal.SnapshotHeaderDecoder;
import io.bourse.codecs.journal.SnapshotHeaderEncoder;
import io.bourse.codecs.journal.TimeInForceCode;
import io.bourse.codecs.journal.TradingPhaseCode;
import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;
import io.bourse.exchange.engine.EngineSnapshot;
import io.bourse.exchange.engine.EngineSnapshot.InstrumentState;
import io.bourse.exchange.engine.EngineSnapshot.OrderState;
import io.bourse.exchange.engine.SelfTradePrevention;
import io.bourse.exchange.engine.TradingPhase;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Engine snapshots as files {@code snapshot-<sequence>.sbe} (sequence zero-padded to 20 digits, so names sort like
 * numbers). A file holds checksummed records (see {@link RecordFraming}, the same framing as the journal): one
 * {@code SnapshotHeader}, then {@code instrumentCount} {@code InstrumentState} and {@code orderCount}
 * {@code OrderState} messages in the snapshot's order, and nothing after them. A file that breaks any of this is
 * corrupt, and {@link #loadLatest} passes over it to the next older one.
 *
 * <p>Writes are atomic: the snapshot goes to a temporary file that is forced to the device, then renamed, then the
 * directory is forced, so a crash leaves either the complete new file or none (plus perhaps a stale temporary file,
 * which loading ignores and {@link #deleteTemporaryFiles} removes).
 *
 * <p>A ClOrdID is stored as ASCII text; an absent one (null) is stored, and read back, as "".
 */
public final class SnapshotStore
{
    static final String TEMPORARY_SUFFIX = ".tmp";
    private static final Pattern FILE_NAME = Pattern.compile("snapshot-(\\d{1,20})\\.sbe");
    private static final int MAX_TEXT_LENGTH = 254;
    private static final int MAX_MESSAGE_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH +
        Math.max(OrderStateEncoder.BLOCK_LENGTH, Math.max(InstrumentStateEncoder.BLOCK_LENGTH,
        SnapshotHeaderEncoder.BLOCK_LENGTH)) + 2 * (OrderStateEncoder.clOrdIdHeaderLength() + MAX_TEXT_LENGTH);
    private static final int WRITE_BUFFER_LENGTH = 64 * 1024;
    private static final System.Logger LOGGER = System.getLogger(SnapshotStore.class.getName());

    private SnapshotStore()
    {
    }

    public static String fileName(final long sequence)
    {
        return String.format("snapshot-%020d.sbe", sequence);
    }

    /** Writes the snapshot atomically to {@code dir/snapshot-<sequence>.sbe}, replacing one of the same sequence. */
    public static Path write(final Path dir, final EngineSnapshot snapshot) throws IOException
    {
        Files.createDirectories(dir);
        final Path target = dir.resolve(fileName(snapshot.sequence()));
        final Path temporary = dir.resolve(target.getFileName() + TEMPORARY_SUFFIX);
        try (FileChannel channel = FileChannel.open(temporary,
            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            new Writer(channel).write(snapshot);
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
        return target;
    }

    /** The newest snapshot in {@code dir} that is sound, or empty if there is none (or no such directory). */
    public static Optional<EngineSnapshot> loadLatest(final Path dir) throws IOException
    {
        final List<Path> files = list(dir);
        for (int i = files.size() - 1; i >= 0; i--)
        {
            final Path file = files.get(i);
            try
            {
                return Optional.of(load(file));
            }
            catch (final IOException ex)
            {
                LOGGER.log(System.Logger.Level.WARNING, "skipping snapshot " + file + ": " + ex.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Reads one snapshot file; @throws IOException when it cannot be read or is not sound. */
    public static EngineSnapshot load(final Path file) throws IOException
    {
        final long nameSequence = sequenceOf(file);
        final MappedByteBuffer mapping;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size > Integer.MAX_VALUE)
            {
                throw new IOException("snapshot " + file + " is too large: " + size + " bytes");
            }
            mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        try
        {
            final EngineSnapshot snapshot = new Reader(mapping).read();
            if (nameSequence >= 0 && nameSequence != snapshot.sequence())
            {
                throw new IOException("holds sequence " + snapshot.sequence() + ", its name says " + nameSequence);
            }
            return snapshot;
        }
        catch (final IOException ex)
        {
            throw new IOException("corrupt snapshot " + file + ": " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            // Sound frames with values out of range: written by another version, or a checksum collision.
            throw new IOException("corrupt snapshot " + file + ": " + ex, ex);
        }
        finally
        {
            IoUtil.unmap(mapping);
        }
    }

    /** The snapshot files in {@code dir}, oldest (lowest sequence) first; empty if the directory does not exist. */
    public static List<Path> list(final Path dir) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir))
        {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir))
        {
            for (final Path file : stream)
            {
                if (sequenceOf(file) >= 0 && Files.isRegularFile(file))
                {
                    files.add(file);
                }
            }
        }
        files.sort(Comparator.comparingLong(SnapshotStore::sequenceOf));
        return files;
    }

    /** The sequence in a snapshot file's name, or -1 when the name is not one of ours. */
    public static long sequenceOf(final Path file)
    {
        return JournalFiles.sequenceIn(FILE_NAME, file);
    }

    /** Removes what a crash in the middle of {@link #write} leaves behind. */
    public static void deleteTemporaryFiles(final Path dir) throws IOException
    {
        if (!Files.isDirectory(dir))
        {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "snapshot-*.sbe" + TEMPORARY_SUFFIX))
        {
            for (final Path file : stream)
            {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Makes a rename or delete in {@code dir} durable. */
    static void forceDirectory(final Path dir)
    {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            // Some platforms cannot open a directory; there the rename is as durable as the OS makes it anyway.
            LOGGER.log(System.Logger.Level.DEBUG, "cannot force directory " + dir + ": " + ex.getMessage());
        }
    }

    private static final class Writer
    {
        private final FileChannel channel;
        private final ByteBuffer byteBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER_LENGTH);
        private final RecordFraming frames = new RecordFraming();
        private final UnsafeBuffer buffer;
        private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        private final SnapshotHeaderEncoder snapshotHeaderEncoder = new SnapshotHeaderEncoder();
        private final InstrumentStateEncoder instrumentEncoder = new InstrumentStateEncoder();
        private final OrderStateEncoder orderEncoder = new OrderStateEncoder();
        private int position;

        Writer(final FileChannel channel)
        {
            this.channel = channel;
            frames.wrap(byteBuffer);
            buffer = frames.buffer();
        }

        void write(final EngineSnapshot snapshot) throws IOException
        {
            snapshotHeaderEncoder.wrapAndApplyHeader(buffer, messageOffset(), headerEncoder)
                .sequence(snapshot.sequence())
                .lastTimestamp(snapshot.lastTimestamp())
                .nextOrderId(snapshot.nextOrderId())
                .nextTradeId(snapshot.nextTradeId())
                .tradeCount(snapshot.tradeCount())
                .tradedQuantity(snapshot.tradedQuantity())
                .instrumentCount(snapshot.instruments().size())
                .orderCount(snapshot.orders().size());
            commit(snapshotHeaderEncoder.encodedLength());

            for (final InstrumentState instrument : snapshot.instruments())
            {
                ensureRoom();
                instrumentEncoder.wrapAndApplyHeader(buffer, messageOffset(), headerEncoder);
                instrumentEncoder.referencePrice().mantissa(instrument.referencePrice());
                instrumentEncoder.lastTradePrice().mantissa(instrument.lastTradePrice());
                instrumentEncoder
                    .instrumentId(instrument.instrumentId())
                    .phase(TradingPhaseCode.get((short)instrument.phase().ordinal()))
                    .halted(bool(instrument.halted()));
                commit(instrumentEncoder.encodedLength());
            }

            for (final OrderState order : snapshot.orders())
            {
                ensureRoom();
                orderEncoder.wrapAndApplyHeader(buffer, messageOffset(), headerEncoder)
                    .orderId(order.orderId())
                    .quantity(order.quantity());
                orderEncoder.price().mantissa(order.price());
                orderEncoder.stopPrice().mantissa(order.stopPrice());
                orderEncoder
                    .cumQty(order.cumQty())
                    .leavesQty(order.leavesQty())
                    .cumNotional(order.cumNotional())
                    .displayQty(order.displayQty())
                    .maxFloor(order.maxFloor())
                    .minQty(order.minQty())
                    .expireTime(order.expireTime())
                    .entryTimestamp(order.entryTimestamp())
                    .sessionId(order.sessionId())
                    .firmId(order.firmId())
                    .instrumentId(order.instrumentId())
                    .side(SideCode.get((short)order.side().ordinal()))
                    .ordType(OrdTypeCode.get((short)order.ordType().ordinal()))
                    .timeInForce(TimeInForceCode.get((short)order.timeInForce().ordinal()))
                    .postOnly(bool(order.postOnly()))
                    .selfTradePrevention(SelfTradePreventionCode.get((short)order.selfTradePrevention().ordinal()))
                    .triggered(bool(order.triggered()))
                    .clOrdId(text(order.clOrdId()))
                    .origClOrdId(text(order.origClOrdId()));
                commit(orderEncoder.encodedLength());
            }
            drain();
        }

        private int messageOffset()
        {
            return position + RecordFraming.FRAME_HEADER_LENGTH;
        }

        private void commit(final int bodyLength)
        {
            position += frames.commit(position, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
        }

        private void ensureRoom() throws IOException
        {
            if (position + RecordFraming.recordLength(MAX_MESSAGE_LENGTH) > byteBuffer.capacity())
            {
                drain();
            }
        }

        private void drain() throws IOException
        {
            byteBuffer.limit(position).position(0);
            while (byteBuffer.hasRemaining())
            {
                channel.write(byteBuffer);
            }
            byteBuffer.clear();
            position = 0;
        }

        private static BooleanType bool(final boolean value)
        {
            return value ? BooleanType.TRUE : BooleanType.FALSE;
        }

        private static String text(final String text)
        {
            if (text == null)
            {
                return "";
            }
            if (text.length() > MAX_TEXT_LENGTH)
            {
                throw new IllegalArgumentException("ClOrdID longer than " + MAX_TEXT_LENGTH + " characters: " + text);
            }
            return text;
        }
    }

    private static final class Reader
    {
        private final RecordFraming frames = new RecordFraming();
        private final int limit;
        private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        private final SnapshotHeaderDecoder snapshotHeaderDecoder = new SnapshotHeaderDecoder();
        private final InstrumentStateDecoder instrumentDecoder = new InstrumentStateDecoder();
        private final OrderStateDecoder orderDecoder = new OrderStateDecoder();
        private int position;
        private int messageLength;

        Reader(final MappedByteBuffer mapping)
        {
            frames.wrap(mapping);
            limit = mapping.capacity();
        }

        EngineSnapshot read() throws IOException
        {
            next(SnapshotHeaderDecoder.TEMPLATE_ID, SnapshotHeaderDecoder.BLOCK_LENGTH);
            snapshotHeaderDecoder.wrap(frames.buffer(), bodyOffset(), headerDecoder.blockLength(), 0);
            final long sequence = snapshotHeaderDecoder.sequence();
            final long lastTimestamp = snapshotHeaderDecoder.lastTimestamp();
            final long nextOrderId = snapshotHeaderDecoder.nextOrderId();
            final long nextTradeId = snapshotHeaderDecoder.nextTradeId();
            final long tradeCount = snapshotHeaderDecoder.tradeCount();
            final long tradedQuantity = snapshotHeaderDecoder.tradedQuantity();
            final int instrumentCount = snapshotHeaderDecoder.instrumentCount();
            final int orderCount = snapshotHeaderDecoder.orderCount();
            checkLength(snapshotHeaderDecoder.limit());
            if (instrumentCount < 0 || orderCount < 0)
            {
                throw new IOException("negative counts " + instrumentCount + ", " + orderCount);
            }

            final List<InstrumentState> instruments = new ArrayList<>(instrumentCount);
            for (int i = 0; i < instrumentCount; i++)
            {
                next(InstrumentStateDecoder.TEMPLATE_ID, InstrumentStateDecoder.BLOCK_LENGTH);
                final InstrumentStateDecoder d = instrumentDecoder.wrap(
                    frames.buffer(), bodyOffset(), headerDecoder.blockLength(), 0);
                instruments.add(new InstrumentState(
                    d.instrumentId(),
                    TradingPhase.fromOrdinal(d.phaseRaw()),
                    d.haltedRaw() == BooleanType.TRUE.value(),
                    d.referencePrice().mantissa(),
                    d.lastTradePrice().mantissa()));
                checkLength(d.limit());
            }

            final List<OrderState> orders = new ArrayList<>(orderCount);
            for (int i = 0; i < orderCount; i++)
            {
                next(OrderStateDecoder.TEMPLATE_ID, OrderStateDecoder.BLOCK_LENGTH);
                final OrderStateDecoder d = orderDecoder.wrap(
                    frames.buffer(), bodyOffset(), headerDecoder.blockLength(), 0);
                // Fixed fields first, var data last: the decoder reads var data strictly in schema order.
                final long orderId = d.orderId();
                final int sessionId = d.sessionId();
                final int firmId = d.firmId();
                final int instrumentId = d.instrumentId();
                final Side side = Side.fromOrdinal(d.sideRaw());
                final OrdType ordType = OrdType.fromOrdinal(d.ordTypeRaw());
                final TimeInForce timeInForce = TimeInForce.fromOrdinal(d.timeInForceRaw());
                final boolean postOnly = d.postOnlyRaw() == BooleanType.TRUE.value();
                final SelfTradePrevention stp = SelfTradePrevention.fromOrdinal(d.selfTradePreventionRaw());
                final boolean triggered = d.triggeredRaw() == BooleanType.TRUE.value();
                final String clOrdId = d.clOrdId();
                final String origClOrdId = d.origClOrdId();
                checkLength(d.limit());
                orders.add(new OrderState(
                    orderId, sessionId, firmId, instrumentId, clOrdId, origClOrdId, side, ordType, timeInForce,
                    d.quantity(), d.price().mantissa(), d.stopPrice().mantissa(), d.cumQty(), d.leavesQty(),
                    d.cumNotional(), d.displayQty(), d.maxFloor(), d.minQty(), d.expireTime(), postOnly, stp,
                    triggered, d.entryTimestamp()));
            }

            position += RecordFraming.recordLength(messageLength);
            if (position != limit)
            {
                throw new IOException("unexpected bytes after the last order, at offset " + position);
            }
            return new EngineSnapshot(
                sequence, lastTimestamp, nextOrderId, nextTradeId, tradeCount, tradedQuantity, instruments, orders);
        }

        /** Moves to the next record, which must be a sound message of the template; wraps the header decoder. */
        private void next(final int templateId, final int blockLength) throws IOException
        {
            if (messageLength > 0)
            {
                position += RecordFraming.recordLength(messageLength);
            }
            messageLength = frames.messageLengthAt(position, limit, MAX_MESSAGE_LENGTH);
            if (messageLength <= 0)
            {
                final String problem = messageLength == 0 ? "ends early" : "damaged record";
                throw new IOException(problem + " at offset " + position);
            }
            if (messageLength < MessageHeaderDecoder.ENCODED_LENGTH)
            {
                throw new IOException("record too short at offset " + position);
            }
            headerDecoder.wrap(frames.buffer(), position + RecordFraming.FRAME_HEADER_LENGTH);
            if (headerDecoder.schemaId() != SnapshotHeaderDecoder.SCHEMA_ID ||
                headerDecoder.version() != SnapshotHeaderDecoder.SCHEMA_VERSION ||
                headerDecoder.templateId() != templateId ||
                headerDecoder.blockLength() != blockLength)
            {
                throw new IOException("expected template " + templateId + " at offset " + position + ", found " +
                    headerDecoder.templateId() + " of schema " + headerDecoder.schemaId() + " v" +
                    headerDecoder.version());
            }
        }

        private int bodyOffset()
        {
            return position + RecordFraming.FRAME_HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH;
        }

        private void checkLength(final int decodedLimit) throws IOException
        {
            if (decodedLimit != position + RecordFraming.FRAME_HEADER_LENGTH + messageLength)
            {
                throw new IOException("message length does not match its record at offset " + position);
            }
        }
    }
}
