package no.sunnekommuner.cms.content.validation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The slugs the rule {@code languageSlug} makes from a title: lower-case ASCII, readable, bounded. */
class SlugRuleTest {

    @Test
    void norwegianLettersAreSpeltOutAndAccentsDropped() {
        assertThat(SlugRule.slugOf("Tromsø has joined the network")).isEqualTo("tromso-has-joined-the-network");
        assertThat(SlugRule.slugOf("Årskonferansen: «Helse i alt» – 2024!")).isEqualTo(
                "arskonferansen-helse-i-alt-2024");
        assertThat(SlugRule.slugOf("Læring på tvers, café og Müller")).isEqualTo("laering-pa-tvers-cafe-og-muller");
    }

    @Test
    void nothingButPunctuationOrNoTextIsNoSlug() {
        assertThat(SlugRule.slugOf(null)).isEmpty();
        assertThat(SlugRule.slugOf("  – ! ")).isEmpty();
    }

    @Test
    void aLongTitleIsCutAtAHyphenWithinTheLimit() {
        String slug = SlugRule.slugOf("A very long English title about public health work in Norwegian municipalities"
                + " and county municipalities over many years");
        assertThat(slug.length()).isLessThanOrEqualTo(SlugRule.MAX_LENGTH);
        assertThat(slug).matches("[a-z0-9]+(-[a-z0-9]+)*").startsWith("a-very-long-english-title");
    }
}
