package no.sunnekommuner.cms.website;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The site's pictures: only resolved assets, links absolute on the API, alt text from the article or the asset. */
class PicturesTest {

    private static final URI API = URI.create("https://cms.example.no");
    private final Pictures pictures = new Pictures(API, SiteModel.load());

    private static Map<String, Object> asset() {
        return Map.of("@id", "jcr:0f0e0d0c-0b0a-4909-8807-060504030201",
                "metadata", Map.of("altText", "Fjorden", "rights", "Illustrasjon: Sunne kommuner"),
                "renditions", Map.of(
                        "480", Map.of("link", "/.imaging/mte/t/480/dam/a/jcr:content/a.jpg", "width", 480, "height", 270),
                        "960", Map.of("link", "/.imaging/mte/t/960/dam/a/jcr:content/a.jpg", "width", 960, "height", 540),
                        "16x9", Map.of("link", "/.imaging/mte/t/16x9/dam/a/jcr:content/a.jpg", "width", 1280),
                        "thumbnail", Map.of("link", "https://elsewhere.example.org/t.jpg", "width", 240)));
    }

    @Test
    void anArticlePictureHasASrcsetOfRenditionsOnTheApiAndTheArticlesOrTheAssetsAltText() {
        Pictures.Picture own = pictures.article(asset(), "Fjorden om morgenen");
        assertThat(own.getAlt()).isEqualTo("Fjorden om morgenen");
        assertThat(own.getSrc()).isEqualTo("https://cms.example.no/.imaging/mte/t/960/dam/a/jcr:content/a.jpg");
        assertThat(own.getSrcset()).isEqualTo("https://cms.example.no/.imaging/mte/t/480/dam/a/jcr:content/a.jpg 480w, "
                + "https://cms.example.no/.imaging/mte/t/960/dam/a/jcr:content/a.jpg 960w");
        assertThat(own.getWidth()).isEqualTo(960);
        assertThat(own.getCredit()).isEqualTo("Illustrasjon: Sunne kommuner");
        assertThat(pictures.article(asset(), " ").getAlt()).isEqualTo("Fjorden");
        assertThat(pictures.share(asset())).isEqualTo("https://cms.example.no/.imaging/mte/t/16x9/dam/a/jcr:content/a.jpg");
    }

    @Test
    void noPictureForWhatIsNoResolvedAssetOrLinksElsewhere() {
        assertThat(pictures.article("https://bilder.example.org/fjord.jpg", "Fjorden")).isNull();
        assertThat(pictures.article("jcr:0f0e0d0c-0b0a-4909-8807-060504030201", "Fjorden")).isNull();
        assertThat(pictures.article(null, "Fjorden")).isNull();
        assertThat(pictures.card(asset(), null)).as("a rendition link on another origin").isNull();
        assertThat(pictures.emblem(Map.of("@id", "jcr:x", "renditions", Map.of()))).isNull();
    }

    @Test
    void richTextKeepsLibraryImagesOnTheApiOnly() {
        String html = new Fmt(Lang.NB, API, new ItemPaths("urlSlug")).html("<p>a<img src=\"/dam/jcr:0f0e0d0c-0b0a-4909-8807-060504030201/f.jpg\""
                + " alt=\"Fjorden\"><img src=\"https://tracker.example.org/p.gif\" alt=\"x\"><img src=\"/dam/jcr:y/x.jpg\"></p>");
        assertThat(html).isEqualTo("<p>a<img src=\"https://cms.example.no/dam/jcr:0f0e0d0c-0b0a-4909-8807-060504030201/f.jpg\""
                + " alt=\"Fjorden\"></p>");
    }
}
