package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.model.PublicationStatus;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clean restart keeps drafts, published snapshots, versions and the index. */
class RestartIT {

    @TempDir
    Path data;

    @Test
    void restartKeepsEverything() throws Exception {
        String id;
        try (CmsRuntime runtime = TestRuntimes.start(data)) {
            ContentItem item = runtime.content().create("benefits", "/", ContentNode.builder("kept", "sk:benefit")
                    .property("title", "Beholdt").property("title_en", "Kept").build(), "t");
            id = item.id();
            runtime.content().publish("benefits", "/kept", "t");
            ContentItem current = runtime.content().get("benefits", "/kept").orElseThrow();
            runtime.content().update("benefits", "/kept", current.node().toBuilder().property("title", "Endret")
                    .build(), current.revision(), "t");
        }
        try (CmsRuntime runtime = TestRuntimes.start(data)) {
            ContentItem draft = runtime.content().get("benefits", "/kept").orElseThrow();
            assertThat(draft.id()).isEqualTo(id);
            assertThat(draft.node().property("title")).isEqualTo("Endret");
            assertThat(draft.node().property("title_en")).isEqualTo("Kept");
            assertThat(draft.status()).isEqualTo(PublicationStatus.MODIFIED);
            assertThat(draft.revision()).isEqualTo(2);
            assertThat(runtime.content().getPublished("benefits", "/kept").orElseThrow().node().property("title"))
                    .isEqualTo("Beholdt");
            assertThat(runtime.content().versions("benefits", "/kept")).hasSize(3); // saved, published, saved
            assertThat(runtime.content().list(new ContentQuery("benefit", "endret", null, null, true, 0, 10)).total())
                    .isEqualTo(1);
        }
    }
}
