package io.bourse.exchange.fix;

import org.junit.jupiter.api.Test;
import uk.co.real_logic.artio.fields.DecimalFloat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FixValuesTest
{
    @Test
    void pricesBecomeScaledLongsExactly()
    {
        assertEquals(1_002_500, FixValues.scaledPrice(new DecimalFloat(10025, 2)));
        assertEquals(1_000_000, FixValues.scaledPrice(new DecimalFloat(100, 0)));
        assertEquals(7_245, FixValues.scaledPrice(new DecimalFloat(7245, 4)));
        assertEquals(1_000_000, FixValues.scaledPrice(new DecimalFloat(100_000_000, 6)), "trailing zeros are exact");
    }

    @Test
    void pricesFinerThanFourDecimalsHaveNoExactForm()
    {
        assertEquals(FixValues.INVALID, FixValues.scaledPrice(new DecimalFloat(100_001, 5)));
    }

    @Test
    void quantitiesMustBeWholeNumbers()
    {
        assertEquals(100, FixValues.wholeQuantity(new DecimalFloat(100, 0)));
        assertEquals(100, FixValues.wholeQuantity(new DecimalFloat(1000, 1)));
        assertEquals(FixValues.INVALID, FixValues.wholeQuantity(new DecimalFloat(1005, 1)));
    }

    @Test
    void overflowHasNoExactForm()
    {
        assertEquals(FixValues.INVALID, FixValues.scaledPrice(new DecimalFloat(Long.MAX_VALUE / 10, 0)));
    }
}
