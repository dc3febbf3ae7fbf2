package io.bourse.exchange.engine;

/** The matching rules against the REFERENCE book. */
class ReferenceBookRulesTest extends MatchingRulesTest
{
    @Override
    BookType bookType()
    {
        return BookType.REFERENCE;
    }
}
