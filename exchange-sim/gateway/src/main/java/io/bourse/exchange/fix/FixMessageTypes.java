package io.bourse.exchange.fix;

import io.bourse.fix42.Constants;
import org.agrona.collections.LongHashSet;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * The MsgTypes the venue's dictionary defines, read once from the generated constants: a type outside it gets a
 * session Reject (SessionRejectReason 11), a defined type the venue does not support a BusinessMessageReject.
 */
final class FixMessageTypes
{
    private static final LongHashSet DEFINED = definedTypes();

    private FixMessageTypes()
    {
    }

    static boolean isDefined(final long messageType)
    {
        return DEFINED.contains(messageType);
    }

    private static LongHashSet definedTypes()
    {
        final LongHashSet types = new LongHashSet();
        for (final Field field : Constants.class.getFields())
        {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == long.class &&
                field.getName().endsWith("_MESSAGE"))
            {
                try
                {
                    types.add(field.getLong(null));
                }
                catch (final IllegalAccessException ex)
                {
                    throw new IllegalStateException("cannot read " + field, ex);
                }
            }
        }
        if (types.isEmpty())
        {
            throw new IllegalStateException("no message types found in " + Constants.class);
        }
        return types;
    }
}
