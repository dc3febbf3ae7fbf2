package io.bourse.exchange.fix;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixMessageTypesTest
{
    @Test
    void fix42TypesAreDefinedOthersAreNot()
    {
        assertTrue(FixMessageTypes.isDefined('D'), "NewOrderSingle");
        assertTrue(FixMessageTypes.isDefined('S'), "Quote: defined, though the venue does not support it");
        assertTrue(FixMessageTypes.isDefined('j'), "BusinessMessageReject");
        assertFalse(FixMessageTypes.isDefined('Z' | ('Z' << 8)), "ZZ");
        assertFalse(FixMessageTypes.isDefined('q'), "OrderMassCancelRequest arrives with FIX 4.3");
    }
}
