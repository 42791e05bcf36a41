package no.sunnekommuner.cms.delivery.media;

import com.google.common.io.ByteSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a binary with validators and ranges: {@code ETag} and {@code Last-Modified} always ({@code If-Match}
 * naming another version gives 412; a matching
 * {@code If-None-Match}, or {@code If-Modified-Since} when there is no {@code If-None-Match}, gives 304), a single
 * {@code Range} (206, or 416 for several ranges, another unit or a start beyond the end), {@code If-Range}, HEAD
 * without a body. Every response carries a policy that runs nothing and {@code nosniff}.
 */
final class BinaryResponses {

    /** The response runs nothing even when opened directly: no scripts, no plugins, no frames of ours. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private BinaryResponses() {
    }

    /** What to send. */
    record Body(ByteSource data, long size, String mimeType, String etag, OffsetDateTime lastModified,
            String cacheControl, String disposition) {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, Body body) throws IOException {
        String etag = "\"" + body.etag() + "\"";
        long lastModifiedMillis = body.lastModified() == null ? -1
                : body.lastModified().toInstant().toEpochMilli() / 1000 * 1000;
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("ETag", etag);
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("Cache-Control", body.cacheControl());
        if (lastModifiedMillis >= 0) {
            response.setDateHeader("Last-Modified", lastModifiedMillis);
        }
        if (body.disposition() != null) {
            response.setHeader("Content-Disposition", body.disposition());
        }
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch != null && !matches(ifMatch, etag)) {
            // another version than the client holds: it must not get a part of this one (RFC 9110 13.1.1)
            response.setStatus(412);
            return;
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, etag)) {
                response.setStatus(304);
                return;
            }
        } else if (lastModifiedMillis >= 0) {
            long since = dateHeader(request, "If-Modified-Since");
            if (since >= lastModifiedMillis) {
                response.setStatus(304);
                return;
            }
        }
        response.setContentType(body.mimeType());
        long size = body.size();
        String range = request.getHeader("Range");
        String ifRange = request.getHeader("If-Range");
        boolean rangeApplies = range != null && (ifRange == null || ifRange.trim().equals(etag)
                || (lastModifiedMillis >= 0 && dateHeader(request, "If-Range") == lastModifiedMillis));
        if (!rangeApplies) {
            response.setContentLengthLong(size);
            send(request, response, body.data(), 0, size);
            return;
        }
        Matcher m = RANGE.matcher(range.trim());
        long start;
        long end;
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            unsatisfiable(response, size);
            return;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
        } catch (NumberFormatException tooLong) {
            unsatisfiable(response, size);
            return;
        }
        if (start >= size || end < start) {
            unsatisfiable(response, size);
            return;
        }
        response.setStatus(206);
        response.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
        response.setContentLengthLong(end - start + 1);
        send(request, response, body.data(), start, end - start + 1);
    }

    private static void unsatisfiable(HttpServletResponse response, long size) throws IOException {
        response.setStatus(416);
        response.setHeader("Content-Range", "bytes */" + size);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write("Range not satisfiable\n".getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, ByteSource data, long offset,
            long length) throws IOException {
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        try (InputStream in = data.slice(offset, length).openStream()) {
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
        }
    }

    private static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static long dateHeader(HttpServletRequest request, String name) {
        try {
            return request.getDateHeader(name);
        } catch (IllegalArgumentException malformed) {
            return -1;
        }
    }

    /** {@code inline} for images (they are shown), {@code attachment} for everything else (PDFs are saved). */
    static String disposition(boolean inline, String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "_").replace("\\", "_");
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
