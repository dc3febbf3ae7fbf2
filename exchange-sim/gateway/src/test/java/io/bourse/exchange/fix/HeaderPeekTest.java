package io.bourse.exchange.fix;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderPeekTest
{
    private final HeaderPeek peek = new HeaderPeek();

    private static UnsafeBuffer fix(final String pipeDelimited)
    {
        return new UnsafeBuffer(pipeDelimited.replace('|', '\u0001').getBytes(StandardCharsets.US_ASCII));
    }

    private HeaderPeek read(final String pipeDelimited)
    {
        final UnsafeBuffer message = fix(pipeDelimited);
        return peek.read(message, 0, message.capacity());
    }

    @Test
    void readsMsgSeqNumWhereverItIsInTheHeader()
    {
        assertEquals(12345, read("8=FIX.4.2|9=60|35=D|49=CLIENT1|56=BOURSE|34=12345|52=20261122-10:00:00|10=000|")
            .msgSeqNum());
        assertEquals(7, read("8=FIX.4.2|9=60|35=D|34=7|49=CLIENT1|56=BOURSE|52=20261122-10:00:00|11=A|10=000|")
            .msgSeqNum());
    }

    @Test
    void aHeaderTagStartingWith34IsNotMsgSeqNum()
    {
        // MessageEncoding(347) is a header field: read past, not taken for 34.
        assertEquals(5, read("8=FIX.4.2|9=40|35=D|347=UTF-8|34=5|10=000|").msgSeqNum());
    }

    @Test
    void stopsAtTheFirstBodyField()
    {
        final HeaderPeek header = read("8=FIX.4.2|9=60|35=D|49=CLIENT1|11=A1|34=9|43=Y|10=000|");
        assertEquals(0, header.msgSeqNum(), "34 after the body is not the header's");
        assertFalse(header.possDup(), "nor is 43");
    }

    @Test
    void readsWithinTheGivenRangeOnly()
    {
        final String first = "8=FIX.4.2|35=D|34=7|10=000|";
        final UnsafeBuffer twoMessages = fix(first + "8=FIX.4.2|35=D|34=8|43=Y|10=000|");
        assertEquals(8, peek.read(twoMessages, first.length(), twoMessages.capacity() - first.length()).msgSeqNum());
        assertTrue(peek.possDup());
        assertEquals(7, peek.read(twoMessages, 0, first.length()).msgSeqNum());
        assertFalse(peek.possDup(), "the previous message's flag is not kept");
        assertEquals(0, read("8=FIX.4.2|35=0|10=000|").msgSeqNum());
    }

    @Test
    void possDupFlagCountsOnlyWhenYes()
    {
        assertTrue(read("8=FIX.4.2|35=D|34=3|43=Y|122=20261122-10:00:00|10=000|").possDup());
        assertFalse(read("8=FIX.4.2|35=D|34=3|43=N|10=000|").possDup());
        assertFalse(read("8=FIX.4.2|35=D|34=3|143=Y|10=000|").possDup());
        assertFalse(read("8=FIX.4.2|35=D|34=3|43=YY|10=000|").possDup());
    }

    @Test
    void aMalformedMsgSeqNumReadsAsNone()
    {
        assertEquals(0, read("8=FIX.4.2|35=D|34=12a|10=000|").msgSeqNum());
        assertEquals(0, read("8=FIX.4.2|35=D|34=|10=000|").msgSeqNum());
    }
}
