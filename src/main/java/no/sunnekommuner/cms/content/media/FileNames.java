package no.sunnekommuner.cms.content.media;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalised names of uploaded files: no folders, control or separator characters, no leading dots, the
 * extension of the detected format, NFC; and an ASCII node name for the asset ({@code Fjord på Sunne.JPG} becomes
 * the file {@code Fjord på Sunne.jpg} in the node {@code fjord-pa-sunne}).
 */
public final class FileNames {

    private static final int MAX_BASE = 100;

    private FileNames() {
    }

    /** The file name to store: the uploaded base name, cleaned, with the format's extension. */
    public static String fileName(String uploaded, MediaFormat format) {
        String base = baseName(uploaded);
        String cleaned = base.replaceAll("[^\\p{L}\\p{N} ._()-]", "-").replaceAll("\\s+", " ")
                .replaceAll("^[ .-]+", "").trim();
        if (cleaned.length() > MAX_BASE) {
            cleaned = cleaned.substring(0, MAX_BASE).trim();
        }
        if (cleaned.isEmpty()) {
            cleaned = "file";
        }
        return cleaned + "." + format.extension();
    }

    /** A node name: ASCII letters, digits and dashes, lower case ({@code æ} → {@code ae}, {@code ø} → {@code o}). */
    public static String nodeName(String uploaded) {
        String base = baseName(uploaded).toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "o")
                .replace("å", "a").replace("ß", "ss");
        String ascii = Normalizer.normalize(base, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String name = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (name.length() > 60) {
            name = name.substring(0, 60).replaceAll("-+$", "");
        }
        return name.isEmpty() ? "asset" : name;
    }

    /** The last path segment without its extension, NFC, without control characters. */
    private static String baseName(String uploaded) {
        String name = uploaded == null ? "" : Normalizer.normalize(uploaded, Normalizer.Form.NFC);
        name = name.replaceAll("\\p{Cntrl}", "");
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
