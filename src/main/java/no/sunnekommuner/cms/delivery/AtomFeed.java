package no.sunnekommuner.cms.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;

/**
 * An Atom 1.0 feed of the newest published items of a delivery endpoint in one language, built from the same
 * query the website uses ({@code orderBy=<date> desc}), so it never shows a draft.
 */
final class AtomFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AtomFeed() {
    }

    /**
     * @param page       the delivery JSON of the query ({@code results} in the response language)
     * @param selfUrl    the feed's own URL
     * @param itemUrl    base URL of an item (its path is appended)
     */
    static byte[] render(byte[] page, ContentTypeDefinition type, String dateProperty, String summaryProperty,
            String title, String language, String selfUrl, String itemUrl) throws IOException {
        JsonNode results = MAPPER.readTree(page).path("results");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("feed");
            w.writeDefaultNamespace(ATOM);
            w.writeAttribute("xml:lang", language);
            element(w, "id", "urn:sunnekommuner:feed:" + type.name() + ":" + language);
            element(w, "title", title);
            String newest = results.size() > 0 ? date(results.get(0).path(dateProperty).asText(null)) : null;
            element(w, "updated", newest != null ? newest : "1970-01-01T00:00:00Z");
            w.writeEmptyElement("link");
            w.writeAttribute("rel", "self");
            w.writeAttribute("type", "application/atom+xml");
            w.writeAttribute("href", selfUrl);
            w.writeStartElement("author");
            element(w, "name", "Sunne kommuner");
            w.writeEndElement();
            String titleProperty = type.titleProperty();
            for (JsonNode item : results) {
                w.writeStartElement("entry");
                element(w, "id", "urn:uuid:" + item.path("@id").asText());
                element(w, "title", item.path(titleProperty).asText(item.path("@name").asText()));
                String updated = date(item.path(dateProperty).asText(null));
                element(w, "updated", updated != null ? updated : newest != null ? newest : "1970-01-01T00:00:00Z");
                w.writeEmptyElement("link");
                w.writeAttribute("rel", "alternate");
                w.writeAttribute("href", itemUrl + item.path("@path").asText());
                if (item.hasNonNull("author") && !item.path("author").asText().isBlank()) {
                    w.writeStartElement("author");
                    element(w, "name", item.path("author").asText());
                    w.writeEndElement();
                }
                if (summaryProperty != null && item.hasNonNull(summaryProperty)) {
                    element(w, "summary", item.path(summaryProperty).asText());
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    /** An RFC 3339 date-time, or null if the value is no date. */
    private static String date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
