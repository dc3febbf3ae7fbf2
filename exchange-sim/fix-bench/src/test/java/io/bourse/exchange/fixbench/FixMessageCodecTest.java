package io.bourse.exchange.fixbench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's own FIX encoding and framing, checked against FIX's definitions computed the slow way. */
class FixMessageCodecTest
{
    private static final long EPOCH_MILLIS = 1_795_334_340_710L;

    @Test
    void bodyLengthCountsFromAfterItsOwnFieldToTheCheckSumField()
    {
        final String message = text(newOrder(new FixMessageWriter(512)));

        final int bodyStart = message.indexOf('|', message.indexOf("|9=") + 1) + 1;
        final int checksumStart = message.lastIndexOf("10=");
        final int statedBodyLength = Integer.parseInt(
            message.substring(message.indexOf("|9=") + 3, bodyStart - 1));
        assertEquals(checksumStart - bodyStart, statedBodyLength);
        assertTrue(message.startsWith("8=FIX.4.2|9=" + statedBodyLength + "|35=D|49=CLIENT1|56=BOURSE|34=7|"),
            message);
    }

    @Test
    void checkSumIsTheByteSumOfEverythingBeforeItModulo256WrittenAsThreeDigits()
    {
        final FixMessageWriter writer = new FixMessageWriter(512);
        final String message = text(newOrder(writer));

        final int checksumStart = message.lastIndexOf("10=");
        int sum = 0;
        for (final byte b : message.substring(0, checksumStart).replace('|', '\u0001')
            .getBytes(StandardCharsets.US_ASCII))
        {
            sum += b & 0xFF;
        }
        assertEquals(String.format("10=%03d|", sum % 256), message.substring(checksumStart));
        assertTrue(FixMessageReader.hasValidChecksum(writer.buffer(), writer.offset(), writer.length()));
    }

    @Test
    void aChangedByteFailsTheCheckSum()
    {
        final FixMessageWriter writer = new FixMessageWriter(512);
        newOrder(writer);
        final byte[] bytes = copy(writer);
        bytes[40]++;

        assertFalse(FixMessageReader.hasValidChecksum(bytes, 0, bytes.length));
    }

    @Test
    void writesFieldValuesAsFixSpellsThem()
    {
        final String message = text(newOrder(new FixMessageWriter(512)));

        assertTrue(message.contains("|52=20261122-07:59:00.710|"), message);
        assertTrue(message.contains("|11=run7-123456|21=1|55=TEST|54=1|60=20261122-07:59:00.710|38=100|40=2|" +
            "44=95.01|59=3|"), message);
    }

    @Test
    void decimalsKeepTheirScale()
    {
        final FixMessageWriter writer = new FixMessageWriter(256);
        writer.begin(Fix.MSG_TYPE_HEARTBEAT)
            .decimal(44, 9501, 2)
            .decimal(44, 5, 2)
            .decimal(44, -120, 2)
            .decimal(44, 7, 0)
            .decimal(44, 1, 4);
        writer.finish();

        assertTrue(text(writer).contains("|44=95.01|44=0.05|44=-1.20|44=7|44=0.0001|"), text(writer));
    }

    @Test
    void framesEachMessageOfAStreamAndWaitsForTheRestOfAPartOne()
    {
        final FixMessageWriter writer = new FixMessageWriter(512);
        final byte[] first = copy(newOrder(writer));
        final byte[] second = copy(heartbeat(writer));
        final byte[] stream = new byte[first.length + second.length + 30];
        System.arraycopy(first, 0, stream, 0, first.length);
        System.arraycopy(second, 0, stream, first.length, second.length);
        System.arraycopy(first, 0, stream, first.length + second.length, 30);

        assertEquals(first.length, FixMessageReader.frameLength(stream, 0, stream.length));
        assertEquals(second.length, FixMessageReader.frameLength(stream, first.length, stream.length));
        assertEquals(FixMessageReader.INCOMPLETE,
            FixMessageReader.frameLength(stream, first.length + second.length, stream.length));
        for (int end = 0; end < first.length; end++)
        {
            assertEquals(FixMessageReader.INCOMPLETE, FixMessageReader.frameLength(first, 0, end), "end " + end);
        }
    }

    @Test
    void aBodyLengthThatDoesNotEndAtTheCheckSumIsNotAMessage()
    {
        // One byte short of the body "35=0<SOH>". (Too long looks like a message still arriving, as in a stream.)
        final byte[] message = ("8=FIX.4.2\u00019=4\u000135=0\u000110=000\u0001")
            .getBytes(StandardCharsets.US_ASCII);

        final IllegalStateException thrown = assertThrows(IllegalStateException.class,
            () -> FixMessageReader.frameLength(message, 0, message.length));
        assertTrue(thrown.getMessage().contains("CheckSum"), thrown.getMessage());
        final byte[] garbage = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IllegalStateException.class, () -> FixMessageReader.frameLength(garbage, 0, garbage.length));
    }

    @Test
    void readerWalksTheFieldsInOrderAndReadsRawDataForItsDeclaredLength()
    {
        final FixMessageWriter writer = new FixMessageWriter(512);
        final byte[] password = "pa\u0001ss".getBytes(StandardCharsets.US_ASCII);
        writer.begin(Fix.MSG_TYPE_LOGON)
            .field(Fix.SENDER_COMP_ID, Fix.ascii("CLIENT1"))
            .field(Fix.RAW_DATA_LENGTH, password.length)
            .field(Fix.RAW_DATA, password)
            .field(Fix.HEART_BT_INT, 30);
        writer.finish();

        final FixMessageReader reader = new FixMessageReader().wrap(writer.buffer(), writer.offset(), writer.length());
        final List<String> fields = new ArrayList<>();
        while (reader.next())
        {
            fields.add(reader.tag() + "=" + reader.stringValue().replace('\u0001', '|'));
        }
        final int prefixAndTrailerLength = "8=FIX.4.2|9=37|".length() + "10=002|".length();
        final String checksum = fields.get(fields.size() - 1);
        assertEquals(List.of("8=FIX.4.2", "9=" + (writer.length() - prefixAndTrailerLength), "35=A", "49=CLIENT1",
            "95=5", "96=pa|ss", "108=30", checksum), fields);
        assertTrue(checksum.matches("10=\\d{3}"), checksum);
    }

    private static FixMessageWriter newOrder(final FixMessageWriter writer)
    {
        writer.begin(Fix.MSG_TYPE_NEW_ORDER_SINGLE)
            .field(Fix.SENDER_COMP_ID, Fix.ascii("CLIENT1"))
            .field(Fix.TARGET_COMP_ID, Fix.ascii("BOURSE"))
            .field(Fix.MSG_SEQ_NUM, 7)
            .timestamp(Fix.SENDING_TIME, EPOCH_MILLIS)
            .field(Fix.CL_ORD_ID, Fix.ascii("run7-"), 123_456)
            .field(Fix.HANDL_INST, '1')
            .field(Fix.SYMBOL, Fix.ascii("TEST"))
            .field(Fix.SIDE, '1')
            .timestamp(Fix.TRANSACT_TIME, EPOCH_MILLIS)
            .field(Fix.ORDER_QTY, 100)
            .field(Fix.ORD_TYPE, '2')
            .decimal(Fix.PRICE, 9501, 2)
            .field(Fix.TIME_IN_FORCE, '3');
        writer.finish();
        return writer;
    }

    private static FixMessageWriter heartbeat(final FixMessageWriter writer)
    {
        writer.begin(Fix.MSG_TYPE_HEARTBEAT).field(Fix.MSG_SEQ_NUM, 8);
        writer.finish();
        return writer;
    }

    private static byte[] copy(final FixMessageWriter writer)
    {
        final byte[] bytes = new byte[writer.length()];
        System.arraycopy(writer.buffer(), writer.offset(), bytes, 0, bytes.length);
        return bytes;
    }

    private static String text(final FixMessageWriter writer)
    {
        return FixMessageReader.toText(writer.buffer(), writer.offset(), writer.length());
    }
}
