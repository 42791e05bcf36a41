package no.sunnekommuner.cms.content.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import no.sunnekommuner.cms.content.events.ContentEvent;
import no.sunnekommuner.cms.content.events.ContentEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: an append-only JSON Lines file ({@code <data.dir>/audit/audit.jsonl}), one object per event, each
 * line forced to disk before the write that caused it returns. Nothing in the runtime rewrites or deletes a line:
 * there is no route of the editor or of the REST API that changes it (the nodes API reaches content workspaces
 * only), and it lives outside the repository. Every line carries the SHA-256 of the line before it
 * ({@code prev}), so a line removed or changed by hand on disk shows in {@link #verify()}.
 */
public final class AuditLog implements AuditTrail, ContentEventListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String FILE = "audit.jsonl";

    private final Path file;
    private final FileChannel channel;
    private String lastHash;

    private AuditLog(Path file, FileChannel channel, String lastHash) {
        this.file = file;
        this.channel = channel;
        this.lastHash = lastHash;
    }

    /** Opens (or creates) the log in a folder. */
    public static AuditLog open(Path folder) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(FILE);
            String last = "";
            if (Files.exists(file)) {
                String lastLine = lastLine(file);
                last = lastLine == null ? "" : sha256(lastLine);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return new AuditLog(file, channel, last);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the audit log in " + folder, e);
        }
    }

    /**
     * The last non-blank line, read from the end of the file: the log grows with every write for years, and the
     * start-up must not read all of it (one entry per save and publish: 100,000 items make tens of megabytes).
     */
    static String lastLine(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = channel.size();
            int chunk = 8192;
            while (true) {
                long start = Math.max(0, end - chunk);
                ByteBuffer buffer = ByteBuffer.allocate((int) (end - start));
                while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
                    // read the whole range
                }
                // a newline byte never occurs inside a UTF-8 sequence: splitting the bytes there is safe
                String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
                String[] lines = text.split("\n", -1);
                // the first piece may be cut off, unless the range starts at the beginning of the file
                for (int i = lines.length - 1; i >= (start == 0 ? 0 : 1); i--) {
                    if (!lines[i].isBlank()) {
                        return lines[i];
                    }
                }
                if (start == 0) {
                    return null;
                }
                chunk *= 2; // only blank lines (or one very long line) in this range: look further back
            }
        }
    }

    @Override
    public void onEvent(ContentEvent event) {
        record(new AuditEntry(event.time(), event.actor().username(), event.kind().wireName(), event.workspace(),
                event.path(), event.id(), event.actor().address(), event.detail()));
    }

    @Override
    public synchronized void record(AuditEntry entry) {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", entry.time().toString());
        o.put("user", entry.user());
        o.put("action", entry.action());
        putIfPresent(o, "workspace", entry.workspace());
        putIfPresent(o, "target", entry.target());
        putIfPresent(o, "id", entry.id());
        putIfPresent(o, "address", entry.address());
        putIfPresent(o, "detail", entry.detail());
        o.put("prev", lastHash);
        try {
            String line = JSON.writeValueAsString(o);
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
            lastHash = sha256(line);
        } catch (IOException e) {
            // the write it records has happened: losing its audit line is logged loudly, not thrown at the editor
            LOG.error("Could not append to the audit log {}: {}", file, entry, e);
        }
    }

    private static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    /** The newest entries that match, newest first, at most {@code limit}. */
    public List<AuditEntry> query(AuditFilter filter, int limit) {
        Deque<AuditEntry> newest = new ArrayDeque<>();
        read(filter, e -> {
            newest.addFirst(e);
            if (newest.size() > limit) {
                newest.removeLast();
            }
        });
        return new ArrayList<>(newest);
    }

    /** Writes the matching lines, oldest first, as JSON Lines (the stored lines as they are). */
    public void export(AuditFilter filter, OutputStream out) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                AuditEntry e = parse(line);
                if (e != null && filter.matches(e)) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** True when every line's {@code prev} is the hash of the line before it (nothing removed or changed). */
    public boolean verify() {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String previous = "";
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                if (!node.path("prev").asText("").equals(previous)) {
                    return false;
                }
                previous = sha256(line);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void read(AuditFilter filter, Consumer<AuditEntry> sink) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                AuditEntry e = parse(line);
                if (e != null && filter.matches(e)) {
                    sink.accept(e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit log " + file, e);
        }
    }

    private static AuditEntry parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(line);
            return new AuditEntry(Instant.parse(n.path("time").asText()), n.path("user").asText(),
                    n.path("action").asText(), text(n, "workspace"), text(n, "target"), text(n, "id"),
                    text(n, "address"), text(n, "detail"));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("Skipping a malformed audit line");
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String sha256(String line) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(line.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Could not close the audit log", e);
        }
    }
}
