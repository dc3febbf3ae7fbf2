package io.bourse.exchange.systemtest;

/** A FIX session's credentials: the SenderCompID a client logs on with, and its password. */
public record Login(String compId, String password)
{
    /** The two trading sessions of config/exchange.yaml, which every test exchange copies (firm ids 1 and 2). */
    public static final Login CLIENT1 = new Login("CLIENT1", "client1-secret");
    public static final Login CLIENT2 = new Login("CLIENT2", "client2-secret");

    public Login withPassword(final String otherPassword)
    {
        return new Login(compId, otherPassword);
    }
}
