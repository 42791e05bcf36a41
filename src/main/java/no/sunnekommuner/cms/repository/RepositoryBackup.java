package no.sunnekommuner.cms.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.jcr.ImportUUIDBehavior;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backup and restore of every workspace (drafts, published state, versions, users) as JCR system view XML, the
 * format of Magnolia's bootstrap files: one file per top-level node, named as Magnolia names them
 * ({@code <workspace>.<node>.xml}) in a folder per workspace, binaries included (base64), identifiers kept; a
 * {@code manifest.json} lists workspaces and files in sibling order. A file of a content workspace imports into
 * Magnolia 6.2 (the JCR importer, or its bootstrap folder). Restore works only into empty workspaces and keeps
 * the identifiers, so references stay valid; it writes with JCR's importer, below the content service, because it
 * restores stored state as it was (stamps, revisions, publication state), not edits to validate.
 */
public final class RepositoryBackup {

    public static final String MANIFEST = "manifest.json";
    static final String FORMAT = "sunne-kommuner-backup/1";
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryBackup.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM = "jcr:system";

    private final JcrRepository repository;

    public RepositoryBackup(JcrRepository repository) {
        this.repository = repository;
    }

    /** What an export or import covered. */
    public record Summary(int workspaces, int files, long nodes) {
    }

    /** Writes every workspace into {@code dir}, which must be empty or not exist yet. */
    public Summary export(Path dir) throws IOException, RepositoryException {
        Files.createDirectories(dir);
        try (var existing = Files.list(dir)) {
            if (existing.findAny().isPresent()) {
                throw new IllegalArgumentException("The export folder " + dir + " is not empty");
            }
        }
        ObjectNode manifest = JSON.createObjectNode().put("format", FORMAT).put("created", Instant.now().toString());
        ArrayNode workspaces = manifest.putArray("workspaces");
        int files = 0;
        long nodes = 0;
        List<String> names = repository.withSession("default",
                s -> List.of(s.getWorkspace().getAccessibleWorkspaceNames()));
        for (String workspace : new TreeSet<>(names)) {
            ObjectNode entry = workspaces.addObject().put("name", workspace);
            ArrayNode list = entry.putArray("files");
            long[] count = {0};
            repository.withSession(workspace, s -> {
                for (NodeIterator it = s.getRootNode().getNodes(); it.hasNext(); ) {
                    Node node = it.nextNode();
                    if (node.getName().equals(SYSTEM)) {
                        continue;
                    }
                    String file = workspace + "/" + fileName(workspace, node.getName());
                    Path target = dir.resolve(file);
                    try {
                        Files.createDirectories(target.getParent());
                        try (OutputStream out = Files.newOutputStream(target)) {
                            s.exportSystemView(node.getPath(), out, false, false);
                        }
                    } catch (IOException e) {
                        throw new RepositoryException("Could not write " + target, e);
                    }
                    list.add(file);
                    count[0] += countNodes(node);
                }
                return null;
            });
            entry.put("nodes", count[0]);
            files += list.size();
            nodes += count[0];
        }
        Files.writeString(dir.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest),
                StandardCharsets.UTF_8);
        LOG.info("Exported {} workspaces, {} files, {} nodes to {}", workspaces.size(), files, nodes, dir);
        return new Summary(workspaces.size(), files, nodes);
    }

    /** Restores an export into this repository, whose workspaces of the export must be empty. */
    public Summary importFrom(Path dir) throws IOException, RepositoryException {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException(dir + " holds no " + MANIFEST + ": not an export of this runtime");
        }
        JsonNode manifest = JSON.readTree(Files.readString(manifestFile, StandardCharsets.UTF_8));
        if (!FORMAT.equals(manifest.path("format").asText())) {
            throw new IllegalArgumentException("Unknown export format '" + manifest.path("format").asText() + "'");
        }
        Path root = dir.toRealPath();
        List<String> workspaces = new ArrayList<>();
        for (JsonNode entry : manifest.path("workspaces")) {
            String workspace = entry.path("name").asText();
            repository.ensureWorkspace(workspace);
            boolean empty = repository.withSession(workspace, s -> {
                for (NodeIterator it = s.getRootNode().getNodes(); it.hasNext(); ) {
                    if (!it.nextNode().getName().equals(SYSTEM)) {
                        return false;
                    }
                }
                return true;
            });
            if (!empty) {
                throw new IllegalStateException("Workspace " + workspace + " is not empty: import restores into an"
                        + " empty repository only (use a new data folder or database)");
            }
            workspaces.add(workspace);
        }
        int files = 0;
        long nodes = 0;
        for (JsonNode entry : manifest.path("workspaces")) {
            String workspace = entry.path("name").asText();
            for (JsonNode file : entry.path("files")) {
                Path source = root.resolve(file.asText()).normalize();
                if (!source.startsWith(root) || !Files.isRegularFile(source)) {
                    throw new IllegalArgumentException("The manifest names a file outside the export: " + file);
                }
                repository.withSession(workspace, s -> {
                    try (InputStream in = Files.newInputStream(source)) {
                        // through the session, not Workspace.importXML: the workspace importer disposes the
                        // temporary file of a binary it decoded while the shared item cache still holds that value,
                        // so reading the binary in the same process failed until a restart ("this BLOBFileValue
                        // has been disposed"); the session's value factory puts binaries in the data store at once
                        s.importXML("/", in, ImportUUIDBehavior.IMPORT_UUID_COLLISION_THROW);
                        s.save();
                    } catch (IOException e) {
                        throw new RepositoryException("Could not read " + source, e);
                    }
                    return null;
                });
                files++;
            }
            nodes += repository.withSession(workspace, RepositoryBackup::countContent);
        }
        repository.queryCounts().invalidate();
        LOG.info("Imported {} workspaces, {} files, {} nodes from {}", workspaces.size(), files, nodes, dir);
        return new Summary(workspaces.size(), files, nodes);
    }

    /** Magnolia's bootstrap file name: workspace and path joined with dots; other characters percent-encoded. */
    static String fileName(String workspace, String nodeName) {
        StringBuilder name = new StringBuilder(workspace).append('.');
        for (byte b : nodeName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return name.append(".xml").toString();
    }

    private static long countContent(Session s) throws RepositoryException {
        long n = 0;
        for (NodeIterator it = s.getRootNode().getNodes(); it.hasNext(); ) {
            Node node = it.nextNode();
            if (!node.getName().equals(SYSTEM)) {
                n += countNodes(node);
            }
        }
        return n;
    }

    private static long countNodes(Node node) throws RepositoryException {
        long n = 1;
        for (NodeIterator it = node.getNodes(); it.hasNext(); ) {
            n += countNodes(it.nextNode());
        }
        return n;
    }
}
