package no.sunnekommuner.cms.editor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How text written in the browser's editable area is tidied before it becomes the field's value. */
class RichTextFieldTest {

    @Test
    void textTypedWithoutAParagraphGoesIntoOne() {
        assertThat(RichTextField.paragraphs("Walking is <b>safe</b>&nbsp;again.<br>"))
                .isEqualTo("<p>Walking is <b>safe</b> again.</p>");
    }

    @Test
    void blocksStayAndLooseTextBetweenThemIsWrapped() {
        assertThat(RichTextField.paragraphs("<h2>Mål</h2>Fritt <i>her</i><ul><li>Én</li></ul><p>Slutt</p>"))
                .isEqualTo("<h2>Mål</h2><p>Fritt <i>her</i></p><ul><li>Én</li></ul><p>Slutt</p>");
    }

    @Test
    void noBreakSpacesAtTheEdgesOrBetweenSpacesAreKept() {
        assertThat(RichTextField.paragraphs("<p>a&nbsp; b</p>")).isEqualTo("<p>a&nbsp; b</p>");
        assertThat(RichTextField.paragraphs("<p>a&nbsp;b</p>")).isEqualTo("<p>a b</p>");
    }
}
