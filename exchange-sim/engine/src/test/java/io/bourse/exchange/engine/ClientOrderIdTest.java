package io.bourse.exchange.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientOrderIdTest
{
    @ParameterizedTest
    @ValueSource(longs = {0, 7, 10, 99, 100, 101, 999, 1000, 12345, 9_999_999, 1_000_000_007L, Long.MAX_VALUE})
    void numericIdsReadAsTheirDecimalTextAndHashLikeIt(final long value)
    {
        final ClientOrderId numeric = new ClientOrderId();
        numeric.set(value);
        final ClientOrderId text = new ClientOrderId();
        assertTrue(text.set(Long.toString(value)));

        assertEquals(Long.toString(value), numeric.toString());
        assertTrue(numeric.contentEquals(text));
        assertEquals(text.contentHash(), numeric.contentHash());
    }

    @Test
    void refusesTooLongAndNonPrintableIdsAndLeavesThemEmpty()
    {
        final ClientOrderId id = new ClientOrderId();
        assertFalse(id.set("x".repeat(ClientOrderId.MAX_LENGTH + 1)));
        assertTrue(id.isEmpty());
        assertTrue(id.set("ok"));
        assertFalse(id.set("a b"));
        assertTrue(id.isEmpty());
        assertEquals(new ClientOrderId().contentHash(), id.contentHash());
    }

    @Test
    void copiesCarryTheHash()
    {
        final ClientOrderId source = new ClientOrderId();
        source.set("550e8400-e29b-41d4-a716-446655440000");
        final ClientOrderId copy = new ClientOrderId();
        copy.copyFrom(source);
        assertTrue(copy.contentEquals(source));
        assertEquals(source.contentHash(), copy.contentHash());
    }
}
