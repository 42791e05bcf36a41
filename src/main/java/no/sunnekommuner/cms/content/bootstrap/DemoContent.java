package no.sunnekommuner.cms.content.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network's demo content ({@code demo/<workspace>.yaml} on the classpath), loaded on first start when no
 * content workspace holds anything yet.
 */
public final class DemoContent {

    private static final Logger LOG = LoggerFactory.getLogger(DemoContent.class);
    static final String USER = "demo-content";

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
        YamlBootstrapImporter importer = new YamlBootstrapImporter(content);
        int created = 0;
        for (ContentTypeDefinition type : content.definitions().contentTypes().values()) {
            String resource = "/demo/" + type.workspace() + ".yaml";
            try (InputStream in = DemoContent.class.getResourceAsStream(resource)) {
                if (in == null) {
                    continue;
                }
                YamlBootstrapImporter.Result result = importer.importYaml(type.workspace(), "/", in, USER);
                importer.publish(type.workspace(), result, USER);
                created += result.created().size();
                LOG.info("Demo content: {} nodes in {} ({} published)", result.created().size(), type.workspace(),
                        result.toPublish().size());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + resource, e);
            }
        }
        return created;
    }
}
