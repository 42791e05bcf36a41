package no.sunnekommuner.cms.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.content.media.TestImages;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.definition.ImagingVariation;
import no.sunnekommuner.cms.definition.ThemeDefinition;
import no.sunnekommuner.cms.testing.Accessibility;
import no.sunnekommuner.cms.testing.Chromium;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The media app and the asset field in Chromium against a real server: files dropped on the upload, described and
 * given a focal point by a click, picked in a news article and as a member's logo, published, and then served by
 * public delivery with renditions of the theme's sizes; refused files named with their reason.
 */
class EditorMediaIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final EditorInBrowser EDITOR = EditorInBrowser.empty();
    static TestServer server;
    static ContentService content;
    static String memberPath;

    @BeforeAll
    static void start() {
        server = EDITOR.server();
        content = server.runtime().content();
        memberPath = content.create("members", "/", ContentNode.builder("solvik", "sk:member")
                .property("name", "Solvik kommune").property("memberType", "kommune").property("number", "4640")
                .build(), "t").path();
    }

    /** Drops files on a Vaadin upload as a person dragging them from the desktop does (a real drop event). */
    static void drop(Page page, String uploadId, Map<String, byte[]> files, String type) {
        List<Map<String, String>> list = new ArrayList<>();
        files.forEach((name, bytes) -> list.add(Map.of("name", name, "type", type,
                "data", Base64.getEncoder().encodeToString(bytes))));
        page.evaluate("([id, files]) => {"
                + " const upload = document.getElementById(id);"
                + " const dt = new DataTransfer();"
                + " for (const f of files) {"
                + "   const bin = atob(f.data); const bytes = new Uint8Array(bin.length);"
                + "   for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);"
                + "   dt.items.add(new File([bytes], f.name, {type: f.type}));"
                + " }"
                + " upload.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                + " upload.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                + "}", List.of(uploadId, list));
    }

    static Locator tile(Page page, String container, String label) {
        return page.locator("#" + container + " .media-tile[aria-label='" + label + "']");
    }

    static HttpResponse<byte[]> get(String link) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + link)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode delivery(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Opens an asset of the grid, writes its alternative texts and clicks its focal point; saves. */
    static void describe(Page page, String label, String altNb, String altEn, double fx, double fy) {
        tile(page, "media-grid", label).click();
        assertThat(page.locator("#asset-save")).isVisible(); // the dialog's overlay (the host element is hidden)
        page.locator("#asset-alttext-nb textarea").fill(altNb);
        page.locator("#asset-alttext-en textarea").fill(altEn);
        Locator image = page.locator("#focal-image");
        assertThat(image).isVisible();
        page.waitForFunction("() => document.getElementById('focal-image').naturalWidth > 0");
        BoundingBox box = image.boundingBox();
        image.click(new Locator.ClickOptions().setPosition(box.width * fx, box.height * fy));
        assertThat(page.locator("#focal-value")).containsText(Math.round(fx * 100) + " %");
        page.locator("#asset-save").click();
        new EditorPage(page).expectNotification("Lagret.");
    }

    @Test
    void imagesDroppedDescribedAndPickedAreDeliveredWithRenditionsOfTheThemesSizes() throws Exception {
        EditorPage editor = EDITOR.signedIn(TestServer.PUBLISHER);
        Page page = editor.page();
        page.navigate("/");
        page.locator("#app-media").click();
        assertThat(page.locator("#media-upload")).isVisible();

        drop(page, "media-upload", Map.of("fjord.jpg", TestImages.jpeg(1600, 1000)), "image/jpeg");
        drop(page, "media-upload", Map.of("solvik-logo.png", TestImages.png(800, 400)), "image/png");
        assertThat(tile(page, "media-grid", "fjord.jpg")).isVisible();
        assertThat(tile(page, "media-grid", "solvik-logo.png")).isVisible();
        // the tiles show the drafts' pictures (from the editor's session) with their status
        for (String name : List.of("fjord.jpg", "solvik-logo.png")) {
            page.waitForFunction("name => { const i = document.querySelector("
                    + "`#media-grid .media-tile[aria-label='${name}'] img`); return i && i.naturalWidth === 240; }", name);
            assertThat(tile(page, "media-grid", name).locator("[data-status=draft]")).isVisible();
        }
        Chromium.screenshot(page, "editor/media-grid");
        assertThat(Accessibility.seriousViolations(page)).as("media app (WCAG 2.1 AA)").isEmpty();

        ContentItem photo = content.get(AssetNodes.WORKSPACE, "/fjord").orElseThrow();
        ContentItem logo = content.get(AssetNodes.WORKSPACE, "/solvik-logo").orElseThrow();
        // a draft's file and renditions are nobody's business outside the editor
        assertThat(get("/dam/jcr:" + photo.id() + "/fjord.jpg").statusCode()).isEqualTo(404);
        assertThat(get("/.imaging/mte/sunne-kommuner-theme/thumbnail/dam/fjord/jcr:content/fjord.jpg").statusCode())
                .isEqualTo(404);

        describe(page, "fjord.jpg", "Fjorden en stille morgen", "The fjord on a quiet morning", 0.25, 0.75);
        page.waitForFunction("() => document.getElementById('focal-image').naturalWidth > 0");
        Chromium.screenshot(page, "editor/media-asset");
        assertThat(Accessibility.seriousViolations(page)).as("asset dialog (WCAG 2.1 AA)").isEmpty();
        photo = content.get(AssetNodes.WORKSPACE, "/fjord").orElseThrow();
        assertThat(photo.node().property("altText")).isEqualTo("Fjorden en stille morgen");
        assertThat(photo.node().property("altText_en")).isEqualTo("The fjord on a quiet morning");
        assertThat((Double) photo.node().property("focalX")).isCloseTo(0.25, within(0.02));
        assertThat((Double) photo.node().property("focalY")).isCloseTo(0.75, within(0.02));
        page.locator("#asset-close").click();
        describe(page, "solvik-logo.png", "Solvik kommunes logo", "The logo of Solvik", 0.5, 0.5);
        page.locator("#asset-close").click();

        // a news article with the photo, picked in the asset field's dialog
        editor.newItem("news-app").fill("title-nb", "Morgen ved fjorden").fill("title-en", "Morning by the fjord")
                .fill("publishDate", "24.11.2026");
        page.locator("#image .asset-picker-choose").click();
        assertThat(page.locator("#asset-picker-grid")).isVisible();
        page.locator("#asset-picker-search input").fill("fjord");
        assertThat(page.locator("#asset-picker-grid .media-tile")).hasCount(1);
        Chromium.screenshot(page, "editor/media-picker");
        assertThat(Accessibility.seriousViolations(page)).as("asset picker (WCAG 2.1 AA)").isEmpty();
        tile(page, "asset-picker-grid", "fjord.jpg").click();
        assertThat(page.locator("#image .asset-picker-name")).hasText("fjord.jpg");
        assertThat(page.locator("#image .asset-picker-picture img")).isVisible();
        editor.save();
        editor.expectNotification("Lagret.");
        String articlePath = editor.savedPath();
        assertThat(content.get("news", articlePath).orElseThrow().node().property("image"))
                .isEqualTo("jcr:" + photo.id());
        Chromium.screenshot(page, "editor/media-article");
        page.locator("#publish").click();
        editor.expectStatus("Publisert");

        // the logo of a member
        editor.openItem("members-app", memberPath);
        page.locator("#logo .asset-picker-choose").click();
        tile(page, "asset-picker-grid", "solvik-logo.png").click();
        assertThat(page.locator("#logo .asset-picker-name")).hasText("solvik-logo.png");
        editor.save();
        editor.expectNotification("Lagret.");
        page.locator("#publish").click();
        editor.expectStatus("Publisert");

        // publishing the article and the member published their images along: delivery resolves them
        ThemeDefinition theme = server.runtime().themes().get("sunne-kommuner-theme");
        JsonNode article = delivery("/.rest/delivery/news/v1" + articlePath + "?lang=en");
        assertThat(article.at("/image/@id").asText()).isEqualTo("jcr:" + photo.id());
        assertThat(article.at("/image/metadata/altText").asText()).isEqualTo("The fjord on a quiet morning");
        assertThat(article.at("/image/metadata/focalPoint/x").asDouble()).isCloseTo(0.25, within(0.02));
        checkRenditions(article.get("image"), theme, 1600, 1000, List.of("thumbnail", "480", "960", "16x9"));
        JsonNode member = delivery("/.rest/delivery/members/v1" + memberPath);
        assertThat(member.at("/logo/@id").asText()).isEqualTo("jcr:" + logo.id());
        assertThat(member.at("/logo/metadata/altText").asText()).isEqualTo("Solvik kommunes logo");
        checkRenditions(member.get("logo"), theme, 800, 400, List.of("logo", "thumbnail"));
        assertThat(get(article.at("/image/@link").asText()).statusCode()).isEqualTo(200);

        // the media app says where the photo is used, and refuses to delete it
        page.navigate("/media");
        tile(page, "media-grid", "fjord.jpg").click();
        assertThat(page.locator("#where-used")).containsText("Morgen ved fjorden");
        assertThat(page.locator("#asset-status")).hasText("Publisert");
        page.locator("#asset-delete").click();
        editor.confirm();
        editor.expectNotification("Kan ikke slettes: brukes fortsatt i Morgen ved fjorden");
        assertThat(content.get(AssetNodes.WORKSPACE, "/fjord")).isPresent();
        page.waitForFunction("() => document.getElementById('focal-image').naturalWidth > 0");
        Chromium.screenshot(page, "editor/media-where-used");
    }

    /** Every rendition named is there, and its link returns an image of the size the theme's variation gives. */
    static void checkRenditions(JsonNode asset, ThemeDefinition theme, int w, int h, List<String> names)
            throws Exception {
        JsonNode renditions = asset.get("renditions");
        List<String> found = new ArrayList<>();
        renditions.fieldNames().forEachRemaining(found::add);
        assertThat(found).containsExactlyElementsOf(names);
        for (String name : names) {
            ImagingVariation v = theme.variation(name).orElseThrow();
            HttpResponse<byte[]> r = get(renditions.get(name).get("link").asText());
            assertThat(r.statusCode()).as(name).isEqualTo(200);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
            int[] expected = expectedSize(w, h, v);
            assertThat(new int[] {image.getWidth(), image.getHeight()}).as(name).containsExactly(expected);
        }
    }

    /** Magnolia's SimpleResizeVariation: width only scales; both crop to exactly that, or fit inside without crop. */
    static int[] expectedSize(int w, int h, ImagingVariation v) {
        if (v.width() > 0 && v.height() > 0) {
            if (v.crop()) {
                return new int[] {v.width(), v.height()};
            }
            double scale = Math.min((double) v.width() / w, (double) v.height() / h);
            return new int[] {(int) Math.round(w * scale), (int) Math.round(h * scale)};
        }
        return new int[] {v.width(), (int) Math.round(h * (double) v.width() / w)};
    }

    @Test
    void aScriptNamedJpgAndAnSvgWithScriptAreRefusedWithTheirReason() throws Exception {
        EditorPage editor = EDITOR.signedIn(TestServer.EDITOR);
        Page page = editor.page();
        page.navigate("/media");
        assertThat(page.locator("#media-upload")).isVisible();
        int before = content.children(AssetNodes.WORKSPACE, "/").size();
        drop(page, "media-upload", Map.of("ferie.jpg", "<script>alert('x')</script>".getBytes(StandardCharsets.UTF_8)),
                "image/jpeg");
        drop(page, "media-upload", Map.of("kart.svg", ("<svg xmlns='http://www.w3.org/2000/svg'>"
                + "<script>alert(1)</script><circle r='4'/></svg>").getBytes(StandardCharsets.UTF_8)), "image/svg+xml");
        Locator refusals = page.locator("#media-upload-refusals");
        assertThat(refusals.locator(".upload-refusal")).hasCount(2);
        assertThat(refusals).containsText("ferie.jpg: Filen er ikke et bilde eller en PDF vi tar imot");
        assertThat(refusals).containsText("kart.svg: Filen er ikke et bilde eller en PDF vi tar imot");
        // the upload's own list marks the files as failed, not with a tick
        assertThat(page.locator("#media-upload vaadin-upload-file[error]")).hasCount(2);
        assertThat(content.children(AssetNodes.WORKSPACE, "/")).hasSize(before);
        Chromium.screenshot(page, "editor/media-refused");
    }

    @Test
    void aPixelBombAndAnOversizedFileAreRefusedWithTheirReason() {
        EditorPage editor = EDITOR.signedIn(TestServer.EDITOR);
        Page page = editor.page();
        page.navigate("/media");
        assertThat(page.locator("#media-upload")).isVisible();
        int before = content.children(AssetNodes.WORKSPACE, "/").size();
        // a 20,000 x 20,000 PNG of a few hundred kilobytes: refused by its header, never decoded
        drop(page, "media-upload", Map.of("kart.png", TestImages.pngBomb(20_000)), "image/png");
        // a file over media.maxMegabytes (20 MB), made in the browser: the upload refuses it before sending it
        page.evaluate("id => {"
                + " const upload = document.getElementById(id);"
                + " const dt = new DataTransfer();"
                + " dt.items.add(new File([new Uint8Array(21 * 1024 * 1024)], 'stor.jpg', {type: 'image/jpeg'}));"
                + " upload.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                + " upload.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                + "}", "media-upload");
        Locator refusals = page.locator("#media-upload-refusals");
        assertThat(refusals.locator(".upload-refusal")).hasCount(2);
        assertThat(refusals).containsText("kart.png: Bildet har for mange piksler (høyst 50 megapiksler).");
        assertThat(refusals).containsText("stor.jpg: Filen er for stor (høyst 20 MB).");
        assertThat(content.children(AssetNodes.WORKSPACE, "/")).hasSize(before);
        Chromium.screenshot(page, "editor/media-refused-large");
    }

    @Test
    void publishingAnArticleWhoseImageHasNoAlternativeTextIsRefusedAtTheField() {
        ContentItem asset = server.runtime().assets().upload(no.sunnekommuner.cms.content.Actor.of("t",
                List.of("editor")), "/", "uten-tekst.png", TestImages.png(400, 300));
        ContentItem article = content.create("news", "/", ContentNode.builder("uten-alt", "sk:newsArticle")
                .property("title", "Sak uten alternativ tekst")
                .property("publishDate", java.time.OffsetDateTime.parse("2026-10-01T09:00:00+02:00"))
                .property("image", "jcr:" + asset.id()).build(), "t");
        EditorPage editor = EDITOR.signedIn(TestServer.PUBLISHER).openItem("news-app", article.path());
        Page page = editor.page();
        assertThat(page.locator("#image .asset-picker-warning")).hasText("Mangler alternativ tekst");
        page.locator("#publish").click();
        assertThat(editor.error("imageAlt-nb")).containsText("har ingen alternativ tekst");
        editor.expectNotification("Ikke publisert:");
        editor.expectStatus("Utkast");
        assertThat(content.getPublished("news", article.path())).isEmpty();
        assertThat(content.getPublished(AssetNodes.WORKSPACE, asset.path())).isEmpty();
        page.locator("#imageAlt-nb").scrollIntoViewIfNeeded();
        Chromium.screenshot(page, "editor/media-alt-refused");

        // the per-use text is enough
        editor.fill("imageAlt-nb", "Et tomt kart").save();
        editor.expectNotification("Lagret.");
        page.locator("#publish").click();
        editor.expectStatus("Publisert");
        assertThat(content.getPublished(AssetNodes.WORKSPACE, asset.path())).isPresent();
    }

    @Test
    void anImageUploadedInThePickerIsChosenAndCanBeCleared() {
        EditorPage editor = EDITOR.signedIn(TestServer.EDITOR).newItem("news-app");
        Page page = editor.page();
        page.locator("#image .asset-picker-choose").click();
        assertThat(page.locator("#asset-picker-upload")).isVisible();
        drop(page, "asset-picker-upload", Map.of("havet.png", TestImages.png(600, 400)), "image/png");
        assertThat(page.locator("#image .asset-picker-name")).hasText("havet.png");
        assertThat(page.locator("#asset-picker-grid")).isHidden();
        assertThat(page.locator("#image .asset-picker-warning")).hasText("Mangler alternativ tekst");
        ContentItem uploaded = content.get(AssetNodes.WORKSPACE, "/havet").orElseThrow();
        assertThat(uploaded.status().stored()).isEqualTo("draft");

        page.locator("#image .asset-picker-clear").click();
        assertThat(page.locator("#image .asset-picker-name")).hasText("Ingen fil valgt");
    }
}
