package no.sunnekommuner.cms.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.validation.ValidationException;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fifth content type added with YAML only (src/test/resources/light-modules/extra-event): the same pipeline
 * creates its workspace and node type, validates, stores, publishes and reads it, with no Java written for it.
 */
class ExtraContentTypeIT {

    @TempDir
    Path data;

    @Test
    void eventTypeWorksFromYamlAlone() throws Exception {
        try (CmsRuntime runtime = TestRuntimes.start(data,
                List.of(TestRuntimes.LIGHT_MODULES, TestRuntimes.TEST_LIGHT_MODULES))) {
            ContentTypeDefinition event = runtime.definitions().contentType("event").orElseThrow();
            assertThat(event.workspace()).isEqualTo("events");
            assertThat(runtime.definitions().apps()).containsKey("events-app");
            assertThat(runtime.definitions().endpoints()).containsKey("delivery/events/v1");
            ContentService content = runtime.content();

            ContentItem organizer = content.create("members", "/", ContentNode.builder("levanger", "sk:member")
                    .property("name", "Levanger").property("memberType", "kommune").property("number", "5037")
                    .build(), "t");
            assertThatThrownBy(() -> content.create("events", "/", ContentNode.builder("no-title", "ev:event")
                    .property("capacity", "many").build(), "t"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(v -> v.field() + ":" + v.rule())
                            .contains("title:required", "startDate:required", "capacity:type"));

            content.create("events", "/", ContentNode.builder("samling-2026", "ev:event")
                    .property("title", "Nettverkssamling").property("title_en", "Network gathering")
                    .property("startDate", OffsetDateTime.parse("2026-09-15T09:00:00+02:00"))
                    .property("capacity", 120L).property("online", false)
                    .property("organizer", organizer.id()).build(), "t");
            content.publish("events", "/samling-2026", "t");

            ContentItem published = content.getPublished("events", "/samling-2026").orElseThrow();
            assertThat(published.node().nodeType()).isEqualTo("ev:event");
            assertThat(published.node().property("title_en")).isEqualTo("Network gathering");
            assertThat(published.node().property("organizer")).isEqualTo(organizer.id());
            runtime.repository().withSession("events-published", s -> {
                assertThat(s.getNode("/samling-2026").isNodeType("mgnl:content")).isTrue();
                return null;
            });
        }
    }
}
