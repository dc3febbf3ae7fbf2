package io.bourse.exchange.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import quickfix.field.MsgType;
import quickfix.field.TestReqID;
import quickfix.fix42.TestRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the venue writes to disk from its one thread. Artio's time index is written with O_DSYNC from the framer's
 * thread, once a second by default, and such a write waits for the device behind any writeback in flight (70 ms was
 * measured); the venue keeps it to the record written at start-up. Artio's sequence-number indexes are saved whole at
 * every term roll on that thread, so the venue sizes them from its config instead of Artio's 8 MB default.
 */
@Timeout(90)
class DiskWorkIT
{
    /** Artio's time index file: an 8-byte SBE message header, then 16-byte records (timestamp, position). */
    private static final long TIME_INDEX_HEADER_BYTES = 8;
    private static final long TIME_INDEX_RECORD_BYTES = 16;
    /** Longer than two of Artio's default one-second intervals, so the default would have added records. */
    private static final Duration TRAFFIC = Duration.ofMillis(2_500);

    @RegisterExtension
    final SystemTestSupport system = new SystemTestSupport();

    @Test
    void timeIndexGetsNoRecordPerSecondOfTraffic() throws IOException
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient client = system.logOn(exchange, Login.CLIENT1);
        client.awaitMsgType(MsgType.LOGON);

        // Messages in both directions for longer than the default interval: each TestRequest waits for its Heartbeat.
        final long end = System.nanoTime() + TRAFFIC.toNanos();
        for (int i = 1; System.nanoTime() < end; i++)
        {
            final String id = "T" + i;
            client.send(new TestRequest(new TestReqID(id)));
            client.awaitMessage("Heartbeat answering TestRequest " + id, message ->
                MsgType.HEARTBEAT.equals(Fix42.msgTypeOf(message)) && id.equals(Fix42.field(message, TestReqID.FIELD)));
        }

        final List<Path> timeIndexes;
        try (Stream<Path> files = Files.list(exchange.stateDir().resolve("artio-logs")))
        {
            timeIndexes = files.filter(file -> file.getFileName().toString().startsWith("time-index-")).toList();
        }
        assertFalse(timeIndexes.isEmpty(), "no time index in " + exchange.stateDir().resolve("artio-logs"));
        for (final Path timeIndex : timeIndexes)
        {
            final long records = (Files.size(timeIndex) - TIME_INDEX_HEADER_BYTES) / TIME_INDEX_RECORD_BYTES;
            assertTrue(records <= 1, timeIndex.getFileName() + " holds " + records + " records after " + TRAFFIC +
                " of traffic: the time index is written from the venue thread again");
        }
    }

    @Test
    void sequenceNumberIndexesHaveTheConfiguredSize() throws IOException
    {
        final ExchangeProcess exchange = system.startExchange();
        system.logOn(exchange, Login.CLIENT1).awaitMsgType(MsgType.LOGON);

        final Path artioLogs = exchange.stateDir().resolve("artio-logs");
        for (final String index : List.of("sequence_numbers_sent", "sequence_numbers_received"))
        {
            // config/exchange.yaml, which the tests' exchanges copy: buffers.sequenceIndexBytes 65536.
            assertEquals(65_536, Files.size(artioLogs.resolve(index)), index);
        }
    }
}
