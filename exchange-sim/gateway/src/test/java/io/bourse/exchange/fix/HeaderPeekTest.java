package io.bourse.exchange.fix;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderPeekTest
{
    private static UnsafeBuffer fix(final String pipeDelimited)
    {
        return new UnsafeBuffer(pipeDelimited.replace('|', '\u0001').getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void readsMsgSeqNumWhereverItIsInTheHeader()
    {
        final UnsafeBuffer message = fix("8=FIX.4.2|9=60|35=D|49=CLIENT1|56=BOURSE|34=12345|52=20261122-10:00:00|10=000|");
        assertEquals(12345, HeaderPeek.msgSeqNum(message, 0, message.capacity()));
    }

    @Test
    void aTagEndingIn34IsNotMsgSeqNum()
    {
        final UnsafeBuffer message = fix("8=FIX.4.2|9=40|35=D|134=77|34=5|10=000|");
        assertEquals(5, HeaderPeek.msgSeqNum(message, 0, message.capacity()));
    }

    @Test
    void readsWithinTheGivenRangeOnly()
    {
        final UnsafeBuffer twoMessages = fix("8=FIX.4.2|35=D|34=7|10=000|8=FIX.4.2|35=D|34=8|10=000|");
        final int firstLength = "8=FIX.4.2|35=D|34=7|10=000|".length();
        assertEquals(8, HeaderPeek.msgSeqNum(twoMessages, firstLength, twoMessages.capacity() - firstLength));
        assertEquals(0, HeaderPeek.msgSeqNum(fix("8=FIX.4.2|35=0|10=000|"), 0, 22));
    }

    @Test
    void possDupFlagCountsOnlyWhenYes()
    {
        final UnsafeBuffer yes = fix("8=FIX.4.2|35=D|34=3|43=Y|122=20261122-10:00:00|10=000|");
        final UnsafeBuffer no = fix("8=FIX.4.2|35=D|34=3|43=N|10=000|");
        final UnsafeBuffer otherTag = fix("8=FIX.4.2|35=D|34=3|143=Y|10=000|");
        assertTrue(HeaderPeek.hasPossDupFlagYes(yes, 0, yes.capacity()));
        assertFalse(HeaderPeek.hasPossDupFlagYes(no, 0, no.capacity()));
        assertFalse(HeaderPeek.hasPossDupFlagYes(otherTag, 0, otherTag.capacity()));
    }
}
