package io.bourse.exchange.engine;

import java.nio.charset.StandardCharsets;

/**
 * A client order id (FIX ClOrdID) held as ASCII bytes in a fixed buffer, so orders and commands can be
 * reused without allocating. The venue accepts at most {@link #MAX_LENGTH} printable ASCII characters
 * (enough for a UUID).
 */
public final class ClientOrderId
{
    public static final int MAX_LENGTH = 40;

    private final byte[] bytes = new byte[MAX_LENGTH];
    private int length;

    public int length()
    {
        return length;
    }

    public byte byteAt(final int index)
    {
        return bytes[index];
    }

    public boolean isEmpty()
    {
        return length == 0;
    }

    public void clear()
    {
        length = 0;
    }

    /** @return false (and leaves this id empty) when the text is too long or not printable ASCII. */
    public boolean set(final CharSequence text)
    {
        final int len = text.length();
        if (len > MAX_LENGTH)
        {
            length = 0;
            return false;
        }
        for (int i = 0; i < len; i++)
        {
            final char c = text.charAt(i);
            if (c <= ' ' || c > '~')
            {
                length = 0;
                return false;
            }
            bytes[i] = (byte)c;
        }
        length = len;
        return true;
    }

    /** @return false (and leaves this id empty) when the bytes are too long or not printable ASCII. */
    public boolean set(final byte[] src, final int offset, final int len)
    {
        if (len > MAX_LENGTH)
        {
            length = 0;
            return false;
        }
        for (int i = 0; i < len; i++)
        {
            final byte b = src[offset + i];
            if (b <= ' ' || b > '~')
            {
                length = 0;
                return false;
            }
            bytes[i] = b;
        }
        length = len;
        return true;
    }

    /** Writes a non-negative number in decimal, the cheap path used by load generators and tests. */
    public void set(final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("negative id " + value);
        }
        int digits = 1;
        for (long v = value / 10; v != 0; v /= 10)
        {
            digits++;
        }
        long v = value;
        for (int i = digits - 1; i >= 0; i--)
        {
            bytes[i] = (byte)('0' + (v % 10));
            v /= 10;
        }
        length = digits;
    }

    public void copyFrom(final ClientOrderId other)
    {
        System.arraycopy(other.bytes, 0, bytes, 0, other.length);
        length = other.length;
    }

    /** Copies the id into {@code dst} at {@code offset}; returns the number of bytes written. */
    public int getBytes(final byte[] dst, final int offset)
    {
        System.arraycopy(bytes, 0, dst, offset, length);
        return length;
    }

    public boolean contentEquals(final ClientOrderId other)
    {
        if (other.length != length)
        {
            return false;
        }
        final byte[] a = bytes;
        final byte[] b = other.bytes;
        for (int i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }
        return true;
    }

    /** A hash that does not depend on object identity, so indexes behave the same on every run. */
    public int contentHash()
    {
        int h = 0x811C9DC5;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        return h;
    }

    @Override
    public String toString()
    {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }
}
