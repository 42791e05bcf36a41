package no.sunnekommuner.cms.content.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Removes metadata from image files without re-encoding them (lossless): EXIF (with GPS positions, camera
 * serials), XMP, IPTC and comments. Location data of people is personal data, and nobody needs it on a public
 * site. Only what is needed to show the image is kept: JPEG's JFIF, ICC profile and Adobe segments, PNG's
 * critical and colour chunks, WebP's image chunks, GIF's images with their graphic control and looping
 * extensions (comments and every other application extension, XMP among them, go). Data after the end of the
 * image is dropped too.
 */
final class MetadataStripper {

    private static final Set<String> PNG_KEPT = Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM",
            "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT");
    private static final Set<String> WEBP_DROPPED = Set.of("EXIF", "XMP ");

    private MetadataStripper() {
    }

    static byte[] strip(MediaFormat format, byte[] bytes) {
        return switch (format) {
            case JPEG -> jpeg(bytes);
            case PNG -> png(bytes);
            case WEBP -> webp(bytes);
            case GIF -> gif(bytes);
            default -> bytes;
        };
    }

    /** The EXIF block (TIFF data after {@code Exif\0\0}) of a JPEG, or null. */
    static byte[] jpegExif(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length && (b[i] & 0xFF) == 0xFF) {
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                return null;
            }
            int length = u16be(b, i + 2);
            if (length < 2 || i + 2 + length > b.length) {
                return null;
            }
            if (marker == 0xE1 && startsWith(b, i + 4, "Exif\0\0")) {
                int from = i + 10;
                int to = i + 2 + length;
                return from < to ? java.util.Arrays.copyOfRange(b, from, to) : null;
            }
            i += 2 + length;
        }
        return null;
    }

    private static byte[] jpeg(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(0xFF);
        out.write(0xD8);
        int i = 2;
        while (i + 1 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                throw damaged("JPEG: marker expected at byte " + i);
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD9) {
                out.write(b, i, 2);
                return out.toByteArray();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                out.write(b, i, 2);
                i += 2;
                continue;
            }
            if (i + 4 > b.length) {
                throw damaged("JPEG: truncated segment");
            }
            int length = u16be(b, i + 2);
            int end = i + 2 + length;
            if (length < 2 || end > b.length) {
                throw damaged("JPEG: segment beyond the end of the file");
            }
            if (keepJpegSegment(marker, b, i + 4)) {
                out.write(b, i, end - i);
            }
            i = end;
            if (marker == 0xDA) {
                // entropy-coded data up to the next marker (stuffed 0xFF00 and restart markers belong to it)
                int start = i;
                while (i + 1 < b.length) {
                    if ((b[i] & 0xFF) == 0xFF) {
                        int next = b[i + 1] & 0xFF;
                        if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7)) {
                            break;
                        }
                    }
                    i++;
                }
                out.write(b, start, i - start);
            }
        }
        // no end marker: keep what was there (decoders cope), minus nothing beyond the data
        return out.toByteArray();
    }

    private static boolean keepJpegSegment(int marker, byte[] b, int payload) {
        if (marker >= 0xE0 && marker <= 0xEF) {
            return (marker == 0xE0 && startsWith(b, payload, "JFIF\0"))
                    || (marker == 0xE2 && startsWith(b, payload, "ICC_PROFILE\0"))
                    || (marker == 0xEE && startsWith(b, payload, "Adobe"));
        }
        return marker != 0xFE; // comments go; tables, frames and scans stay
    }

    private static byte[] png(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 8);
        int i = 8;
        while (i + 12 <= b.length) {
            long length = u32be(b, i);
            if (length > b.length - i - 12L) {
                throw damaged("PNG: chunk beyond the end of the file");
            }
            String type = new String(b, i + 4, 4, StandardCharsets.ISO_8859_1);
            int end = i + 12 + (int) length;
            if (PNG_KEPT.contains(type)) {
                out.write(b, i, end - i);
            }
            i = end;
            if (type.equals("IEND")) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static byte[] webp(byte[] b) {
        if (b.length < 12) {
            throw damaged("WebP: too short");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(b.length);
        int i = 12;
        while (i + 8 <= b.length) {
            String fourcc = new String(b, i, 4, StandardCharsets.ISO_8859_1);
            long size = u32le(b, i + 4);
            long padded = size + (size & 1);
            if (padded > b.length - i - 8L) {
                throw damaged("WebP: chunk beyond the end of the file");
            }
            int end = i + 8 + (int) padded;
            if (!WEBP_DROPPED.contains(fourcc)) {
                int start = body.size();
                body.write(b, i, end - i);
                if (fourcc.equals("VP8X") && size >= 1) {
                    // the flags must not announce the EXIF (0x08) and XMP (0x04) chunks removed
                    byte[] written = body.toByteArray();
                    written[start + 8] = (byte) (written[start + 8] & ~0x0C);
                    body.reset();
                    body.write(written, 0, written.length);
                }
            }
            i = end;
        }
        byte[] chunks = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunks.length + 12);
        out.write(b, 0, 4);
        long riff = chunks.length + 4L;
        out.write((int) (riff & 0xFF));
        out.write((int) (riff >> 8 & 0xFF));
        out.write((int) (riff >> 16 & 0xFF));
        out.write((int) (riff >> 24 & 0xFF));
        out.write(b, 8, 4);
        out.write(chunks, 0, chunks.length);
        return out.toByteArray();
    }

    /** Application extensions that say how an animation loops (Netscape's and its twin); every other one goes. */
    private static final Set<String> GIF_KEPT_APPLICATIONS = Set.of("NETSCAPE2.0", "ANIMEXTS1.0");

    private static byte[] gif(byte[] b) {
        if (b.length < 13) {
            throw damaged("GIF: too short");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        int i = 13 + colourTable(b[10]);
        if (i > b.length) {
            throw damaged("GIF: colour table beyond the end of the file");
        }
        out.write(b, 0, i);
        while (i < b.length) {
            int introducer = b[i] & 0xFF;
            if (introducer == 0x3B) {
                out.write(0x3B);
                return out.toByteArray();
            }
            int start = i;
            boolean keep = true;
            if (introducer == 0x2C) {
                if (i + 11 > b.length) {
                    throw damaged("GIF: truncated image descriptor");
                }
                i += 10 + colourTable(b[i + 9]) + 1; // descriptor, local colour table, LZW code size
            } else if (introducer == 0x21 && i + 2 <= b.length) {
                int label = b[i + 1] & 0xFF;
                if (label == 0xFE) {
                    keep = false; // comment
                } else if (label == 0xFF) {
                    keep = i + 14 <= b.length && (b[i + 2] & 0xFF) == 11
                            && GIF_KEPT_APPLICATIONS.contains(new String(b, i + 3, 11, StandardCharsets.ISO_8859_1));
                }
                i += 2;
            } else {
                throw damaged("GIF: unknown block at byte " + i);
            }
            i = afterSubBlocks(b, i);
            if (keep) {
                out.write(b, start, i - start);
            }
        }
        // no trailer: end the file properly (decoders expect one)
        out.write(0x3B);
        return out.toByteArray();
    }

    private static int colourTable(byte packed) {
        return (packed & 0x80) == 0 ? 0 : 3 * (1 << ((packed & 0x07) + 1));
    }

    /** The position after a chain of data sub-blocks (a size byte, that many bytes, ... up to a size of 0). */
    private static int afterSubBlocks(byte[] b, int i) {
        while (true) {
            if (i >= b.length) {
                throw damaged("GIF: data block beyond the end of the file");
            }
            int size = b[i] & 0xFF;
            i += 1 + size;
            if (size == 0) {
                return i;
            }
        }
    }

    private static MediaRefusedException damaged(String message) {
        return new MediaRefusedException(MediaRefusedException.Kind.DAMAGED, "The file is damaged (" + message + ")");
    }

    private static boolean startsWith(byte[] b, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.ISO_8859_1);
        if (offset + expected.length > b.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if (b[offset + k] != expected[k]) {
                return false;
            }
        }
        return true;
    }

    private static int u16be(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static long u32be(byte[] b, int i) {
        return (long) (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    private static long u32le(byte[] b, int i) {
        return (long) (b[i + 3] & 0xFF) << 24 | (b[i + 2] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | (b[i] & 0xFF);
    }
}
