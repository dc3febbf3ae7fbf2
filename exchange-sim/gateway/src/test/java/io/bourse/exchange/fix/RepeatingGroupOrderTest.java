package io.bourse.exchange.fix;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The expectations are what QuickFIX/J 3.0.0 answers for the same bodies with the FIX 4.2 dictionary. */
class RepeatingGroupOrderTest
{
    private static final String ORDER = "8=FIX.4.2|9=0|35=D|49=TESTER1|56=BOURSE|34=5|52=20260101-00:00:00.000|" +
        "11=X|21=1|55=TEST|54=1|60=20260101-00:00:00.000|38=10|40=2|44=99|59=0|";

    @Test
    void groupsInTheDictionarysOrderPass()
    {
        assertEquals(RepeatingGroupOrder.IN_ORDER, check(ORDER));
        assertEquals(RepeatingGroupOrder.IN_ORDER, check(ORDER + "78=2|79=A|80=10|79=B|80=20|"));
        assertEquals(RepeatingGroupOrder.IN_ORDER, check(ORDER + "78=2|79=A|79=B|"), "optional fields left out");
        assertEquals(RepeatingGroupOrder.IN_ORDER, check(ORDER + "386=2|336=A|336=B|1=ACCT|"));
        assertEquals(RepeatingGroupOrder.IN_ORDER, check(ORDER + "78=1|79=A|386=1|336=B|"), "one group after another");
    }

    @Test
    void anEntryMustStartWithTheDelimiter()
    {
        assertEquals(80, check(ORDER + "78=1|80=10|79=ACC|"));
    }

    @Test
    void aFieldRepeatedInsideAnEntryIsOutOfOrder()
    {
        assertEquals(80, check(ORDER + "78=1|79=A|80=10|80=20|"));
        assertEquals(80, check(ORDER + "78=2|79=A|80=10|80=20|79=B|"));
    }

    @Test
    void aRepeatedDelimiterStartsTheNextEntry()
    {
        // A count mismatch if 386 says 1: the codec's check, not this one.
        assertEquals(RepeatingGroupOrder.IN_ORDER, check(ORDER + "386=1|336=A|336=B|"));
    }

    @Test
    void aGroupFieldOutsideItsGroupIsLeftToTheCodec()
    {
        // The codec refuses these as tags not defined for the message type (373=2), as QuickFIX does.
        assertEquals(RepeatingGroupOrder.IN_ORDER, check(ORDER + "386=1|336=A|1=ACCT|336=B|"));
        assertEquals(RepeatingGroupOrder.IN_ORDER, check(ORDER + "78=1|79=A|1=ACCT|80=10|"));
    }

    private static int check(final String message)
    {
        final byte[] bytes = (message + "10=000|").replace('|', '\u0001').getBytes(StandardCharsets.US_ASCII);
        final int offset = 3;
        final byte[] padded = new byte[bytes.length + offset + 2];
        System.arraycopy(bytes, 0, padded, offset, bytes.length);
        return RepeatingGroupOrder.firstFieldOutOfOrder(new UnsafeBuffer(padded), offset, bytes.length);
    }
}
