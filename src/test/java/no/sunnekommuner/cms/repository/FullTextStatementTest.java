package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What reaches Lucene's query parser from a client's q: plain terms, balanced phrases, trailing wildcards. */
class FullTextStatementTest {

    @Test
    void wordsPhrasesAndWildcardsAreKept() {
        assertThat(FullTextStatement.of("kultur fest")).hasValue("kultur fest");
        assertThat(FullTextStatement.of("\"helse plan\" kultur")).hasValue("\"helse plan\" kultur");
        assertThat(FullTextStatement.of("folke*")).hasValue("folke*");
        assertThat(FullTextStatement.of("f?lke")).hasValue("f?lke");
        assertThat(FullTextStatement.of("æøå")).hasValue("æøå");
    }

    @Test
    void luceneOperatorsBecomeEscapedCharacters() {
        assertThat(FullTextStatement.of("\"x")).hasValue("\\\"x");
        assertThat(FullTextStatement.of("1~2~3")).hasValue("1\\~2\\~3");
        assertThat(FullTextStatement.of("(medlemmer")).hasValue("\\(medlemmer");
        assertThat(FullTextStatement.of("-x +y !z")).hasValue("\\-x \\+y \\!z");
        assertThat(FullTextStatement.of("a && b || c")).hasValue("a b c");
        assertThat(FullTextStatement.of("title:x")).hasValue("title\\:x");
        assertThat(FullTextStatement.of("[a to b]")).hasValue("\\[a to b\\]");
        assertThat(FullTextStatement.of("*x ?y")).hasValue("\\*x \\?y");
        assertThat(FullTextStatement.of("x\\")).hasValue("x\\\\");
        assertThat(FullTextStatement.of("\"(\" x")).hasValue("x");
    }

    @Test
    void nothingSearchableIsEmpty() {
        for (String q : new String[] {"(", "-", "]", "{", "!", "&&", "\"\"", "- -", "\"(\"", "*", "   "}) {
            assertThat(FullTextStatement.of(q)).as(q).isEqualTo(Optional.empty());
        }
    }
}
