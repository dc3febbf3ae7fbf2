package io.bourse.exchange.engine;

/** Every input the engine accepts. The ordinal is journaled: append only, never reorder. */
public enum CommandType
{
    NEW_ORDER,
    CANCEL,
    REPLACE,
    MASS_CANCEL,
    SET_PHASE,
    HALT,
    RESUME,
    SET_REFERENCE_PRICE,
    TIMER_TICK;

    private static final CommandType[] VALUES = values();

    public static CommandType fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
