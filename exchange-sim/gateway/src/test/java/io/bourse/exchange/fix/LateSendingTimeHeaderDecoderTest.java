package io.bourse.exchange.fix;

import io.bourse.fix42.decoder.NewOrderSingleDecoder;
import org.junit.jupiter.api.Test;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LateSendingTimeHeaderDecoderTest
{
    private static final String HEADER = "8=FIX.4.2|9=99|35=D|49=CLIENT1|56=BOURSE|34=17|";
    private static final String BODY = "11=A1|21=1|55=TEST|54=1|60=20261122-10:00:00|38=10|40=2|44=99.00|";
    private static final String SENDING_TIME = "52=20261122-10:00:01.250|";
    private static final String TRAILER = "10=000|";

    private final LateSendingTimeHeaderDecoder header = new LateSendingTimeHeaderDecoder();

    private static MutableAsciiBuffer fix(final String pipeDelimited)
    {
        return new MutableAsciiBuffer(pipeDelimited.replace('|', '\u0001').getBytes(StandardCharsets.US_ASCII));
    }

    private int decode(final String message)
    {
        final MutableAsciiBuffer buffer = fix(message);
        header.reset();
        return header.decode(buffer, 0, buffer.capacity());
    }

    @Test
    void findsSendingTimePlacedAfterTheBody()
    {
        final int headerLength = decode(HEADER + BODY + SENDING_TIME + TRAILER);

        assertEquals("20261122-10:00:01.250", header.sendingTimeAsString());
        assertEquals(17, header.msgSeqNum());
        assertEquals("CLIENT1", header.senderCompIDAsString());
        assertEquals("D", header.msgTypeAsString());
        assertEquals(HEADER.length(), headerLength, "the header still ends where the body begins");
    }

    @Test
    void findsSendingTimePlacedInsideTheBody()
    {
        decode(HEADER + "11=A1|" + SENDING_TIME + "21=1|55=TEST|" + TRAILER);

        assertEquals("20261122-10:00:01.250", header.sendingTimeAsString());
    }

    @Test
    void decodesAWellFormedHeaderAsTheGeneratedDecoderDoes()
    {
        final String message = HEADER + SENDING_TIME + BODY + TRAILER;
        final int headerLength = decode(message);

        final NewOrderSingleDecoder generated = new NewOrderSingleDecoder();
        final MutableAsciiBuffer buffer = fix(message);
        generated.decode(buffer, 0, buffer.capacity());
        assertEquals(generated.header().sendingTimeAsString(), header.sendingTimeAsString());
        assertEquals(generated.header().msgSeqNum(), header.msgSeqNum());
        assertEquals((HEADER + SENDING_TIME).length(), headerLength);
    }

    @Test
    void aMessageWithoutSendingTimeStillHasNone()
    {
        decode(HEADER + BODY + TRAILER);

        assertEquals(0, header.sendingTimeLength());
        assertEquals(17, header.msgSeqNum());
    }

    @Test
    void aTagEndingIn52BeforeTheLateSendingTimeIsPassedOver()
    {
        decode(HEADER + "152=1|" + BODY + SENDING_TIME + TRAILER);

        assertEquals("20261122-10:00:01.250", header.sendingTimeAsString());
    }

    @Test
    void aTagEndingIn52IsNotSendingTime()
    {
        decode(HEADER + BODY + "152=7|" + TRAILER);

        assertEquals(0, header.sendingTimeLength());
    }

    @Test
    void readsOnlyTheMessageAtItsOffsetInALargerBuffer()
    {
        // Artio hands the parser a message inside a larger buffer: what lies before or after it must not count.
        final String before = "8=FIX.4.2|9=40|35=0|49=X|56=Y|34=1|52=20200101-00:00:00|10=000|";
        final String message = HEADER + BODY + SENDING_TIME + TRAILER;
        final MutableAsciiBuffer buffer = fix(before + message + "52=20300101-00:00:00|");
        header.reset();
        final int headerLength = header.decode(buffer, before.length(), message.length());

        assertEquals("20261122-10:00:01.250", header.sendingTimeAsString());
        assertEquals("CLIENT1", header.senderCompIDAsString());
        assertEquals(17, header.msgSeqNum());
        assertEquals(HEADER.length(), headerLength);
    }

    @Test
    void aSendingTimeOnlyOutsideTheMessageIsNotTaken()
    {
        final String message = HEADER + BODY + TRAILER;
        final MutableAsciiBuffer buffer = fix(message + SENDING_TIME);
        header.reset();
        header.decode(buffer, 0, message.length());

        assertEquals(0, header.sendingTimeLength());
    }

    @Test
    void aHeaderLongerThanTheInitialCopyIsDecodedWhole()
    {
        final String longSubId = "50=" + "S".repeat(700) + "|";
        decode(HEADER + longSubId + BODY + SENDING_TIME + TRAILER);

        assertEquals("20261122-10:00:01.250", header.sendingTimeAsString());
        assertEquals("S".repeat(700), header.senderSubIDAsString());
    }
}
