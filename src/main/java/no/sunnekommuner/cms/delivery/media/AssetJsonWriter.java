package no.sunnekommuner.cms.delivery.media;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.content.media.MediaFormat;
import no.sunnekommuner.cms.content.media.RenditionGenerator;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.delivery.AssetReferenceWriter;
import no.sunnekommuner.cms.definition.ImagingVariation;
import no.sunnekommuner.cms.definition.ReferenceDefinition;
import no.sunnekommuner.cms.definition.ThemeDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Magnolia's {@code assetReferenceResolver} output (FINDINGS-dam §2–§4): {@code @name @path @id @link metadata
 * renditions} in that order, metadata keys in Magnolia's order with empty strings left out, {@code creator},
 * {@code contributor} and {@code subject} as HTML-escaped arrays, title and caption in the response's language,
 * renditions from the theme's variations (others get the generic full-size link). Unresolvable values keep the
 * stored string. Ours, listed as intended differences: {@code altText} (in the language) and {@code focalPoint}
 * at the end of the metadata, {@code width}/{@code height} of every rendition, and a {@code v} parameter on
 * rendition links (the asset's version: such links may be cached for a year). Public delivery resolves published
 * assets only; a draft-only asset stays the stored string there.
 */
public final class AssetJsonWriter implements AssetReferenceWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AssetJsonWriter.class);
    private static final Set<MediaFormat> RENDERABLE = Set.of(MediaFormat.JPEG, MediaFormat.PNG, MediaFormat.GIF,
            MediaFormat.WEBP);

    private final ContentService content;
    private final PublishedAssets published;
    private final ThemeDefinition theme;
    private final String defaultLanguage;

    public AssetJsonWriter(ContentService content, ThemeDefinition theme) {
        this.content = content;
        this.published = new PublishedAssets(content);
        this.theme = theme;
        this.defaultLanguage = content.locales().defaultLanguage();
    }

    @Override
    public void write(JsonGenerator g, String value, ReferenceDefinition reference, String language,
            boolean publicDelivery) throws IOException {
        Optional<ContentItem> item = resolve(value, publicDelivery);
        if (item.isEmpty()) {
            LOG.warn("Asset reference '{}' names no {}asset", value, publicDelivery ? "published " : "");
            g.writeString(value);
            return;
        }
        Optional<ServedAsset> asset = ServedAsset.of(item.get());
        if (asset.isEmpty()) {
            writeWithoutFile(g, item.get(), value, reference, language);
            return;
        }
        ServedAsset a = asset.get();
        String link = "/dam/" + AssetNodes.KEY_PREFIX + a.id() + "/" + encode(a.fileName());
        if (!reference.expand()) {
            g.writeString(reference.includeDownloadLink() ? link : value);
            return;
        }
        ContentNode node = a.item().node();
        g.writeStartObject();
        g.writeStringField("@name", node.text(AssetNodes.NAME) != null ? node.text(AssetNodes.NAME) : a.item().name());
        g.writeStringField("@path", a.path());
        g.writeStringField("@id", AssetNodes.KEY_PREFIX + a.id());
        if (reference.includeDownloadLink()) {
            g.writeStringField("@link", link);
        }
        if (reference.includeAssetMetadata()) {
            writeMetadata(g, a, language);
        }
        if (!reference.assetRenditions().isEmpty() && RENDERABLE.contains(a.format())) {
            g.writeObjectFieldStart("renditions");
            for (String name : reference.assetRenditions()) {
                writeRendition(g, a, name);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** The asset node a key names (published only for public delivery), with or without its file. */
    private Optional<ContentItem> resolve(String value, boolean publicDelivery) {
        String id = AssetNodes.identifierOf(value);
        if (id == null) {
            return Optional.empty();
        }
        Optional<ContentItem> item = publicDelivery ? published.itemById(id)
                : content.getById(AssetNodes.WORKSPACE, id);
        return item.filter(i -> i.node().nodeType().equals(AssetNodes.ASSET));
    }

    /**
     * An asset node without a (readable) file still resolves, as Magnolia's does (FINDINGS-dam §3.6): its link
     * ends in {@code /} and answers 404, its type is {@code application/octet-stream}, sizes are 0, and there are
     * no renditions.
     */
    private void writeWithoutFile(JsonGenerator g, ContentItem item, String value, ReferenceDefinition reference,
            String language) throws IOException {
        String link = "/dam/" + AssetNodes.KEY_PREFIX + item.id() + "/";
        if (!reference.expand()) {
            g.writeString(reference.includeDownloadLink() ? link : value);
            return;
        }
        ContentNode node = item.node();
        g.writeStartObject();
        g.writeStringField("@name", node.text(AssetNodes.NAME) != null ? node.text(AssetNodes.NAME) : item.name());
        g.writeStringField("@path", item.path());
        g.writeStringField("@id", AssetNodes.KEY_PREFIX + item.id());
        if (reference.includeDownloadLink()) {
            g.writeStringField("@link", link);
        }
        if (reference.includeAssetMetadata()) {
            g.writeObjectFieldStart("metadata");
            g.writeStringField("mimeType", "application/octet-stream");
            writeDescription(g, item, language, 0, 0, 0, null, 0.5, 0.5);
        }
        g.writeEndObject();
    }

    private void writeMetadata(JsonGenerator g, ServedAsset a, String language) throws IOException {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("fileName", a.fileName());
        g.writeStringField("mimeType", a.format().mimeType());
        writeDescription(g, a.item(), language, a.size(), a.height(), a.width(), a.format().mimeType(), a.focalX(),
                a.focalY());
    }

    /** The metadata after {@code mimeType}, in Magnolia's order, and our extras; ends the metadata object. */
    private void writeDescription(JsonGenerator g, ContentItem item, String language, long size, int height,
            int width, String format, double focalX, double focalY) throws IOException {
        ContentNode node = item.node();
        text(g, "caption", localised(node, AssetNodes.CAPTION, language));
        text(g, "comment", node.text("comment"));
        g.writeNumberField("fileSize", size);
        g.writeNumberField("height", height);
        g.writeNumberField("width", width);
        text(g, "type", node.text(AssetNodes.TYPE));
        text(g, "title", localised(node, AssetNodes.TITLE, language));
        text(g, "format", format);
        text(g, "coverage", node.text("coverage"));
        text(g, "description", node.text(AssetNodes.DESCRIPTION));
        text(g, "language", node.text("language"));
        text(g, "publisher", node.text("publisher"));
        text(g, "relation", node.text("relation"));
        text(g, "rights", node.text(AssetNodes.COPYRIGHT));
        text(g, "source", node.text("source"));
        escapedArray(g, "creator", item.createdBy() == null ? List.of() : List.of(item.createdBy()));
        escapedArray(g, "contributor", list(node.property("contributor")));
        escapedArray(g, "subject", list(node.property(AssetNodes.SUBJECT)));
        if (item.lastModified() != null) {
            g.writeStringField("date", Values.DATE_FORMAT.format(item.lastModified()));
        }
        if (item.created() != null) {
            g.writeStringField("created", Values.DATE_FORMAT.format(item.created()));
        }
        if (item.lastModified() != null) {
            g.writeStringField("modified", Values.DATE_FORMAT.format(item.lastModified()));
        }
        text(g, "altText", localised(node, AssetNodes.ALT_TEXT, language));
        g.writeObjectFieldStart("focalPoint");
        g.writeNumberField("x", focalX);
        g.writeNumberField("y", focalY);
        g.writeEndObject();
        g.writeEndObject();
    }

    private void writeRendition(JsonGenerator g, ServedAsset a, String name) throws IOException {
        Optional<ImagingVariation> variation = theme == null ? Optional.empty() : theme.variation(name);
        g.writeObjectFieldStart(name);
        if (variation.isPresent() && variation.get().resizes()) {
            ImagingVariation v = variation.get();
            MediaFormat format = RenditionGenerator.outputFormat(a.format(), v);
            int[] size = RenditionGenerator.plannedSize(a.width(), a.height(), v);
            String fileName = a.fileName().endsWith("." + a.format().extension()) ? a.fileName()
                    : a.fileName() + "." + a.format().extension();
            g.writeStringField("mimeType", format.mimeType());
            g.writeStringField("link", "/.imaging/mte/" + theme.name() + "/" + encode(name) + "/dam"
                    + encodePath(a.path()) + "/jcr:content/" + encode(fileName) + "?v=" + a.version());
            g.writeNumberField("width", size[0]);
            g.writeNumberField("height", size[1]);
        } else {
            String extension = a.resource().text(AssetNodes.EXTENSION) == null ? "jpg"
                    : a.resource().text(AssetNodes.EXTENSION);
            g.writeStringField("mimeType", a.format().mimeType());
            g.writeStringField("link", "/.imaging/default/dam" + encodePath(a.path()) + "/jcr:content." + extension
                    + "?v=" + a.version());
            g.writeNumberField("width", a.width());
            g.writeNumberField("height", a.height());
        }
        g.writeEndObject();
    }

    private String localised(ContentNode node, String property, String language) {
        if (language != null && !language.equals(defaultLanguage)) {
            String value = node.text(property + "_" + language);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return node.text(property);
    }

    private static void text(JsonGenerator g, String key, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(key, value);
        }
    }

    /** Left out when empty, as Magnolia's writer leaves out empty values (FINDINGS-dam §2). */
    private static void escapedArray(JsonGenerator g, String key, List<String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(key);
        for (String v : values) {
            g.writeString(escapeHtml4(v));
        }
        g.writeEndArray();
    }

    @SuppressWarnings("deprecation") // commons-text's copy is the same table; lang3 is already on the classpath
    private static String escapeHtml4(String value) {
        return org.apache.commons.lang3.StringEscapeUtils.escapeHtml4(value);
    }

    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l.stream().map(Values::asText).toList();
        }
        return List.of(Values.asText(value));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.substring(1).split("/")) {
            out.append('/').append(encode(segment));
        }
        return out.toString();
    }
}
