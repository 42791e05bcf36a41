package no.sunnekommuner.cms.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * What the REST API writes for a Binary value: never its bytes, only {@code {"@binary":{"size":<bytes>}}}.
 * Magnolia prints the bytes as text, which makes a response as large as the binaries it holds and lets markup out
 * of a value that no sanitiser saw; files are served as files (the media library), not inside JSON.
 */
final class BinaryMarker {

    private BinaryMarker() {
    }

    static void write(JsonGenerator g, long size) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("@binary");
        g.writeNumberField("size", size);
        g.writeEndObject();
        g.writeEndObject();
    }
}
