package no.sunnekommuner.cms.content.history;

import static org.assertj.core.api.Assertions.assertThat;

import no.sunnekommuner.cms.content.history.VersionComparison.Segment;
import no.sunnekommuner.cms.content.history.VersionComparison.Segment.Kind;
import org.junit.jupiter.api.Test;

/** The word comparison: what a reader sees changed, and the newer text back when the marks are dropped. */
class VersionComparisonTest {

    @Test
    void aChangedWordIsOneRemovalAndOneAdditionInTheRestOfTheText() {
        assertThat(VersionComparison.diff("Elever som går til skolen", "Elever som sykler til skolen"))
                .containsExactly(new Segment(Kind.SAME, "Elever som "), new Segment(Kind.REMOVED, "går"),
                        new Segment(Kind.ADDED, "sykler"), new Segment(Kind.SAME, " til skolen"));
    }

    @Test
    void addedAndRemovedTextAtTheEndsAndFromOrToNothing() {
        assertThat(VersionComparison.diff("", "Ny tekst")).containsExactly(new Segment(Kind.ADDED, "Ny tekst"));
        assertThat(VersionComparison.diff("Borte nå", "")).containsExactly(new Segment(Kind.REMOVED, "Borte nå"));
        assertThat(VersionComparison.diff("Én to", "Én to tre")).containsExactly(new Segment(Kind.SAME, "Én to"),
                new Segment(Kind.ADDED, " tre"));
    }

    @Test
    void theUnchangedAndAddedPiecesGiveTheNewerTextBack() {
        String older = "Nettverket samler  kommuner og fylkeskommuner\nsom arbeider med folkehelse.";
        String newer = "Nettverket samler 130 kommuner og alle fylkeskommuner\nsom jobber med folkehelse i dag.";
        StringBuilder rebuilt = new StringBuilder();
        StringBuilder before = new StringBuilder();
        for (Segment s : VersionComparison.diff(older, newer)) {
            if (s.kind() != Kind.REMOVED) {
                rebuilt.append(s.text());
            }
            if (s.kind() != Kind.ADDED) {
                before.append(s.text());
            }
        }
        assertThat(rebuilt.toString()).isEqualTo(newer);
        assertThat(before.toString()).isEqualTo(older);
    }

    @Test
    void richTextIsComparedAsTheTextAReaderSees() {
        assertThat(VersionComparison.readable("<p>Elever som <b>går</b></p><ul><li>Én</li></ul>"))
                .isEqualTo("Elever som går Én");
    }
}
