package io.bourse.exchange.fix;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FixFieldCursorTest
{
    private static List<String> walk(final String before, final String message, final String after)
    {
        final byte[] bytes = (before + message + after).replace('|', '\u0001').getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final FixFieldCursor cursor = new FixFieldCursor().wrap(buffer, before.length(), message.length());
        final List<String> fields = new ArrayList<>();
        while (cursor.next())
        {
            fields.add(cursor.tag() + "=" + buffer.getStringWithoutLengthAscii(
                cursor.valueStart(), cursor.valueEnd() - cursor.valueStart()));
        }
        return fields;
    }

    @Test
    void walksEveryFieldWithinTheMessageOnly()
    {
        assertEquals(List.of("8=FIX.4.2", "35=D", "34=12", "44=", "10=000"),
            walk("99=x|", "8=FIX.4.2|35=D|34=12|44=|10=000|", "55=NEXT|"));
    }

    @Test
    void aLastFieldWithoutItsSohEndsAtTheMessageEnd()
    {
        assertEquals(List.of("35=D", "10=000"), walk("", "35=D|10=000", "|55=X|"));
    }

    @Test
    void anEmptyMessageHasNoField()
    {
        assertEquals(List.of(), walk("8=FIX.4.2|", "", "35=D|"));
    }

    @Test
    void aCursorStartsOverWhenWrappedAgain()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer("35=D\u000134=7\u0001".getBytes(StandardCharsets.US_ASCII));
        final FixFieldCursor cursor = new FixFieldCursor().wrap(buffer, 0, buffer.capacity());
        cursor.next();
        cursor.next();
        cursor.wrap(buffer, 0, buffer.capacity()).next();
        assertEquals(35, cursor.tag());
    }

    @Test
    void aFieldStartsAtItsTagsFirstDigit()
    {
        final String message = "35=D|152=1|52=X|";
        final UnsafeBuffer buffer = new UnsafeBuffer(message.replace('|', '\u0001').getBytes(StandardCharsets.US_ASCII));
        final FixFieldCursor cursor = new FixFieldCursor().wrap(buffer, 0, buffer.capacity());
        final List<Integer> starts = new ArrayList<>();
        while (cursor.next())
        {
            starts.add(cursor.fieldStart());
        }
        assertEquals(List.of(0, message.indexOf("152="), message.indexOf("|52=") + 1), starts);
    }
}
