package io.bourse.exchange.engine;

/** The matching rules against the FAST book. */
class FastBookRulesTest extends MatchingRulesTest
{
    @Override
    BookType bookType()
    {
        return BookType.FAST;
    }
}
