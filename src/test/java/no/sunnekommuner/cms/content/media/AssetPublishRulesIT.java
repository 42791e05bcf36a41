package no.sunnekommuner.cms.content.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentReferencedException;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.validation.ValidationException;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing content with an image of the media library: the alternative text rule (the asset's own text in each
 * language the item is written in, or the per-use override), the asset published along with the item, and
 * delete refused while an asset is used.
 */
class AssetPublishRulesIT {

    @TempDir
    static Path data;
    static CmsRuntime runtime;
    static ContentService content;
    static AssetLibrary library;
    static final Actor EDITOR = Actor.of("redaktor", List.of(Actor.EDITOR));
    static final Actor PUBLISHER = Actor.of("publisher", List.of(Actor.EDITOR, Actor.PUBLISHER));

    @BeforeAll
    static void start() throws Exception {
        runtime = TestRuntimes.start(data);
        content = runtime.content();
        library = runtime.assets();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static ContentNode.Builder article(String name, ContentItem asset) {
        return ContentNode.builder(name, "sk:newsArticle").property("title", "Sak " + name)
                .property("publishDate", OffsetDateTime.parse("2026-10-01T09:00:00+02:00"))
                .property("image", "jcr:" + asset.id());
    }

    static ContentItem describe(ContentItem asset, Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return library.describe(EDITOR, asset.path(), values, asset.revision());
    }

    static List<String> violations(Runnable publish) {
        try {
            publish.run();
        } catch (ValidationException e) {
            return e.violations().stream().map(v -> v.field() + ":" + v.rule()).toList();
        }
        throw new AssertionError("publishing was not refused");
    }

    @Test
    void anArticleWhoseImageHasNoAlternativeTextIsSavedButNotPublished() {
        ContentItem asset = library.upload(EDITOR, "/", "uten-tekst.png", TestImages.png(400, 300));
        // a draft may lack it: the editor may describe the image in the media app afterwards
        ContentItem draft = content.create("news", "/", article("uten-alt", asset).build(), EDITOR);

        assertThat(violations(() -> content.publish("news", draft.path(), PUBLISHER)))
                .containsExactly("imageAlt:altTextAsset");
        assertThat(content.getPublished("news", draft.path())).as("nothing published").isEmpty();
        assertThat(content.getPublished(AssetNodes.WORKSPACE, asset.path())).as("the asset neither").isEmpty();
        try {
            content.publish("news", draft.path(), PUBLISHER);
        } catch (ValidationException e) {
            Violation v = e.violations().get(0);
            assertThat(v.message(java.util.Locale.forLanguageTag("nb"))).contains("uten-tekst", "Medier");
            assertThat(v.message(java.util.Locale.ENGLISH)).contains("alternative text", "Media");
        }

        // the asset's own alternative text satisfies the rule, and the asset is published along
        describe(asset, "altText", "Et tomt kart");
        ContentItem published = content.publish("news", draft.path(), PUBLISHER);
        assertThat(published.status().stored()).isEqualTo("published");
        assertThat(content.getPublished(AssetNodes.WORKSPACE, asset.path())).as("published along").isPresent();
    }

    @Test
    void thePerUseTextOverridesAndEveryLanguageOfTheArticleNeedsOne() {
        ContentItem asset = library.upload(EDITOR, "/", "torget.png", TestImages.png(400, 300));
        ContentItem draft = content.create("news", "/", article("torget", asset).property("title_en", "The square")
                .property("imageAlt", "Torget en sommerdag").build(), EDITOR);
        // the article is written in English too: its English alternative text is missing
        assertThat(violations(() -> content.publish("news", draft.path(), PUBLISHER)))
                .containsExactly("imageAlt_en:altTextAsset");

        describe(asset, "altText_en", "The square on a summer day");
        content.publish("news", draft.path(), PUBLISHER);
        assertThat(content.getPublished("news", draft.path())).isPresent();

        // an article in Norwegian only needs the Norwegian text
        ContentItem other = library.upload(EDITOR, "/", "havn.png", TestImages.png(400, 300));
        ContentItem norwegian = content.create("news", "/", article("havn", other)
                .property("imageAlt", "Havna").build(), EDITOR);
        content.publish("news", norwegian.path(), PUBLISHER);
        assertThat(content.getPublished(AssetNodes.WORKSPACE, other.path())).isPresent();
    }

    @Test
    void anImageKeyOfNoAssetIsRefusedAtPublish() {
        ContentItem draft = content.create("news", "/", ContentNode.builder("borte", "sk:newsArticle")
                .property("title", "Borte").property("publishDate", OffsetDateTime.parse("2026-10-01T09:00:00+02:00"))
                .property("image", "jcr:0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9").property("imageAlt", "x").build(),
                EDITOR);
        assertThat(violations(() -> content.publish("news", draft.path(), PUBLISHER)))
                .containsExactly("image:assetMissing");
    }

    @Test
    void anAssetInUseIsNotDeletedAndTheUsesAreListed() {
        ContentItem asset = library.upload(EDITOR, "/", "logo.png", TestImages.png(320, 160));
        describe(asset, "altText", "Logo");
        ContentItem draft = content.create("news", "/", article("med-logo", asset).build(), EDITOR);
        assertThat(library.whereUsed(asset.id())).containsExactly("news:" + draft.path());

        assertThatThrownBy(() -> content.delete(AssetNodes.WORKSPACE, asset.path(), PUBLISHER))
                .isInstanceOf(ContentReferencedException.class)
                .satisfies(e -> assertThat(((ContentReferencedException) e).referrers())
                        .containsExactly("news:" + draft.path()));
        assertThat(library.byId(asset.id())).isPresent();

        // published and then changed: the published article still counts as a use
        content.publish("news", draft.path(), PUBLISHER);
        ContentItem current = content.get("news", draft.path()).orElseThrow();
        content.update("news", draft.path(), current.node().toBuilder().property("image", null).build(),
                current.revision(), EDITOR);
        assertThatThrownBy(() -> content.delete(AssetNodes.WORKSPACE, asset.path(), PUBLISHER))
                .isInstanceOf(ContentReferencedException.class);

        content.unpublish("news", draft.path(), PUBLISHER);
        content.delete(AssetNodes.WORKSPACE, asset.path(), PUBLISHER);
        assertThat(library.byId(asset.id())).isEmpty();
    }

    @Test
    void anAssetThatPublishedContentShowsIsNotUnpublished() {
        ContentItem asset = describe(library.upload(EDITOR, "/", "vist.png", TestImages.png(320, 160)),
                "altText", "Vist bilde");
        ContentItem article = content.create("news", "/", article("viser-bildet", asset).build(), EDITOR);
        content.publish("news", article.path(), PUBLISHER);
        assertThat(content.getPublished(AssetNodes.WORKSPACE, asset.path())).isPresent();

        assertThatThrownBy(() -> content.unpublish(AssetNodes.WORKSPACE, asset.path(), PUBLISHER))
                .isInstanceOf(ContentReferencedException.class)
                .satisfies(e -> assertThat(((ContentReferencedException) e).referrers())
                        .containsExactly("news:" + article.path()));
        assertThat(content.getPublished(AssetNodes.WORKSPACE, asset.path())).isPresent();

        // once the public article no longer shows it (republished without the image), it may go
        ContentItem current = content.get("news", article.path()).orElseThrow();
        content.update("news", article.path(), current.node().toBuilder().property("image", null).build(),
                current.revision(), EDITOR);
        assertThatThrownBy(() -> content.unpublish(AssetNodes.WORKSPACE, asset.path(), PUBLISHER))
                .as("the draft changed, the public article did not").isInstanceOf(ContentReferencedException.class);
        content.publish("news", article.path(), PUBLISHER);
        content.unpublish(AssetNodes.WORKSPACE, asset.path(), PUBLISHER);
        assertThat(content.getPublished(AssetNodes.WORKSPACE, asset.path())).isEmpty();
    }
}
