package no.sunnekommuner.cms.content.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import com.google.common.io.ByteSource;
import com.google.common.io.Resources;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network's demo content ({@code demo/<workspace>.yaml} on the classpath, the media library's pictures in
 * {@code demo/dam/}), loaded on first start when no content workspace holds anything yet.
 */
public final class DemoContent {

    private static final Logger LOG = LoggerFactory.getLogger(DemoContent.class);
    static final String USER = "demo-content";
    private static final String PICTURES = "/demo/" + AssetNodes.WORKSPACE + "/";

    private final ContentService content;

    public DemoContent(ContentService content) {
        this.content = content;
    }

    /** Imports and publishes the demo content unless the repository already has content. Returns items created. */
    public int loadIfEmpty() {
        for (ContentTypeDefinition type : content.definitions().contentTypes().values()) {
            // asked without reading the items: a full workspace must not be read at every start
            if (!content.isEmpty(type.workspace())) {
                LOG.info("Repository already holds content; demo content not loaded");
                return 0;
            }
        }
        YamlBootstrapImporter importer = new YamlBootstrapImporter(content, DemoContent::picture);
        // the media library first, so the content linking its pictures is published with them in place
        List<String> workspaces = new ArrayList<>();
        workspaces.add(AssetNodes.WORKSPACE);
        content.definitions().contentTypes().values().forEach(t -> workspaces.add(t.workspace()));
        int created = 0;
        for (String workspace : workspaces) {
            String resource = "/demo/" + workspace + ".yaml";
            try (InputStream in = DemoContent.class.getResourceAsStream(resource)) {
                if (in == null) {
                    continue;
                }
                YamlBootstrapImporter.Result result = importer.importYaml(workspace, "/", in, USER);
                importer.publish(workspace, result, USER);
                created += result.created().size();
                LOG.info("Demo content: {} nodes in {} ({} published)", result.created().size(), workspace,
                        result.toPublish().size());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + resource, e);
            }
        }
        return created;
    }

    /** A picture of the demo media library ({@code demo/dam/<name>} on the classpath), or null. */
    private static ByteSource picture(String name) {
        java.net.URL url = DemoContent.class.getResource(PICTURES + name);
        return url == null ? null : Resources.asByteSource(url);
    }
}
