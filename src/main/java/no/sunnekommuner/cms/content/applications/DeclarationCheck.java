package no.sunnekommuner.cms.content.applications;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Judges an uploaded political declaration by its bytes, never by its name or declared media type: a PDF starts
 * with {@code %PDF-} and has an {@code %%EOF} marker near its end; anything else, or anything larger than the
 * limit, is refused.
 */
public final class DeclarationCheck {

    /** The rule names of the refusals (messages in the validation bundles). */
    public static final String MISSING = "declaration.missing";
    public static final String NOT_PDF = "declaration.notPdf";
    public static final String TOO_LARGE = "declaration.tooLarge";

    private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EOF = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    /** Writers may append a few bytes (line ends, padding) after the last marker. */
    private static final int EOF_WINDOW = 1024;

    private final long maxBytes;

    public DeclarationCheck(long maxBytes) {
        if (maxBytes < MAGIC.length) {
            throw new IllegalArgumentException("maxBytes too small: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The refusal's rule name, or empty when the bytes are an acceptable PDF. */
    public Optional<String> problem(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Optional.of(MISSING);
        }
        if (bytes.length > maxBytes) {
            return Optional.of(TOO_LARGE);
        }
        if (!startsWith(bytes, MAGIC) || !endMarker(bytes)) {
            return Optional.of(NOT_PDF);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endMarker(byte[] bytes) {
        int from = Math.max(MAGIC.length, bytes.length - EOF_WINDOW - EOF.length);
        outer:
        for (int i = bytes.length - EOF.length; i >= from; i--) {
            for (int j = 0; j < EOF.length; j++) {
                if (bytes[i + j] != EOF[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
