package no.sunnekommuner.cms.content.media;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats the media library knows, each recognised by its leading bytes (never by the file name or a
 * declared type). Anything else, SVG and HTML included, is not recognised and therefore never stored.
 */
public enum MediaFormat {
    JPEG("image/jpeg", "jpg", true),
    PNG("image/png", "png", true),
    GIF("image/gif", "gif", true),
    WEBP("image/webp", "webp", true),
    PDF("application/pdf", "pdf", false);

    private final String mimeType;
    private final String extension;
    private final boolean image;

    MediaFormat(String mimeType, String extension, boolean image) {
        this.mimeType = mimeType;
        this.extension = extension;
        this.image = image;
    }

    public String mimeType() {
        return mimeType;
    }

    /** The extension stored files of this format get, whatever the uploaded name said. */
    public String extension() {
        return extension;
    }

    /** True for raster images (dimensions, renditions). */
    public boolean image() {
        return image;
    }

    /** The configuration name ({@code jpeg}, {@code png}, ...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MediaFormat> ofKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key().equals(key.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    public static Optional<MediaFormat> ofMimeType(String mimeType) {
        if (mimeType == null) {
            return Optional.empty();
        }
        String bare = mimeType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.mimeType.equals(bare)).findFirst();
    }

    /** The format the bytes are in, judged by their magic numbers only. */
    public static Optional<MediaFormat> detect(byte[] bytes) {
        if (starts(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (starts(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (starts(bytes, 0, 'G', 'I', 'F', '8', '7', 'a') || starts(bytes, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(GIF);
        }
        if (starts(bytes, 0, 'R', 'I', 'F', 'F') && starts(bytes, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        if (starts(bytes, 0, '%', 'P', 'D', 'F', '-')) {
            return Optional.of(PDF);
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
