package io.bourse.exchange.fix;

import io.bourse.exchange.engine.InstrumentSpec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Symbol(55) to instrument id and back, without allocating on lookups (a venue lists few instruments). */
final class InstrumentDirectory
{
    private final int[] ids;
    private final char[][] symbols;
    private final byte[][] symbolBytesById;

    InstrumentDirectory(final List<InstrumentSpec> specs)
    {
        ids = new int[specs.size()];
        symbols = new char[specs.size()][];
        int maxId = 0;
        for (final InstrumentSpec spec : specs)
        {
            maxId = Math.max(maxId, spec.id());
        }
        symbolBytesById = new byte[maxId + 1][];
        for (int i = 0; i < specs.size(); i++)
        {
            ids[i] = specs.get(i).id();
            symbols[i] = specs.get(i).symbol().toCharArray();
            symbolBytesById[ids[i]] = specs.get(i).symbol().getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** @return the instrument id, or 0 for an unknown symbol. */
    int idOf(final char[] symbol, final int length)
    {
        for (int i = 0; i < symbols.length; i++)
        {
            final char[] candidate = symbols[i];
            if (candidate.length == length && regionEquals(candidate, symbol, length))
            {
                return ids[i];
            }
        }
        return 0;
    }

    /** @return the symbol's ASCII bytes, or null for an unknown id. */
    byte[] symbolBytes(final int instrumentId)
    {
        return instrumentId > 0 && instrumentId < symbolBytesById.length ? symbolBytesById[instrumentId] : null;
    }

    private static boolean regionEquals(final char[] a, final char[] b, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }
        return true;
    }
}
