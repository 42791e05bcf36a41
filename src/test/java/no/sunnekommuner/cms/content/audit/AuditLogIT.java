package no.sunnekommuner.cms.content.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log: every write of the content service and every sign-in is recorded with who, what and from where,
 * through any path (content service, nodes API, commands API, HTTP Basic); it survives a restart; nothing of the
 * APIs changes it, and a line changed on disk shows.
 */
class AuditLogIT {

    @TempDir
    Path temp;

    static ContentNode article(String name) {
        return ContentNode.builder(name, "sk:newsArticle").property("title", "Sak " + name)
                .property("publishDate", OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build();
    }

    static List<String> actions(AuditLog log, String item) {
        return log.query(new AuditFilter(null, item, null, null, null), 100).stream()
                .map(e -> e.user() + " " + e.action()).toList();
    }

    @Test
    void everyWriteIsRecordedAndTheLogSurvivesARestart() throws Exception {
        Path data = temp.resolve("data");
        try (CmsRuntime runtime = TestRuntimes.start(data)) {
            ContentService content = runtime.content();
            Actor redaktor = Actor.of("kari", List.of("editor", "publisher")).from("10.1.2.3");
            content.create("news", "/", article("logget"), redaktor);
            content.patch("news", "/logget", Map.of("title", "Ny tittel"), -1, redaktor);
            content.publish("news", "/logget", redaktor);
            content.unpublish("news", "/logget", redaktor);
            content.move("news", "/logget", "/", "flyttet", redaktor);
            content.delete("news", "/flyttet", redaktor);
            // newest first
            assertThat(actions(runtime.audit(), "/logget")).containsExactly("kari unpublish", "kari publish",
                    "kari save", "kari create");
            assertThat(actions(runtime.audit(), "/flyttet")).containsExactly("kari delete", "kari move");
            AuditEntry publish = runtime.audit().query(new AuditFilter("kari", null, "publish", null, null), 5).get(0);
            assertThat(publish.address()).isEqualTo("10.1.2.3");
            assertThat(publish.workspace()).isEqualTo("news");
            assertThat(publish.id()).isNotBlank();
            // a refused write records nothing
            try {
                content.publish("news", "/finnes-ikke", redaktor);
            } catch (RuntimeException expected) {
                // not found
            }
            assertThat(actions(runtime.audit(), "/finnes-ikke")).isEmpty();
        }
        try (CmsRuntime again = TestRuntimes.start(data)) {
            assertThat(actions(again.audit(), "/logget")).hasSize(4);
            again.content().create("news", "/", article("etter"), "test");
            assertThat(actions(again.audit(), "/etter")).containsExactly("test create");
            assertThat(again.audit().verify()).isTrue();
            Instant now = Instant.now();
            assertThat(again.audit().query(new AuditFilter(null, null, null, now.plusSeconds(60), null), 10))
                    .isEmpty();
            assertThat(again.audit().query(new AuditFilter(null, null, null, now.minusSeconds(600), now
                    .plusSeconds(60)), 100)).hasSize(7);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            again.audit().export(new AuditFilter("kari", null, null, null, null), out);
            assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(6)
                    .allMatch(l -> l.startsWith("{\"time\":") && l.contains("\"user\":\"kari\""));
        }
        // a line changed on disk breaks the chain
        Path file = data.resolve("audit").resolve(AuditLog.FILE);
        List<String> lines = Files.readAllLines(file);
        lines.set(1, lines.get(1).replace("kari", "ola"));
        Files.write(file, lines);
        try (AuditLog log = AuditLog.open(data.resolve("audit"))) {
            assertThat(log.verify()).isFalse();
        }
    }

    @Test
    void signInsOverHttpAndApiWritesAreRecordedWithTheClientAddress() throws Exception {
        try (TestServer server = TestServer.start(temp.resolve("http"), List.of(TestRuntimes.LIGHT_MODULES),
                Map.of("security.signIn.addressFailures", "3"))) {
            server.runtime().content().create("news", "/", article("api"), "test");
            String publisher = TestServer.basic(TestServer.PUBLISHER, TestServer.PASSWORD);
            assertThat(server.send("POST", "/.rest/commands/v2/activate", "{\"repository\":\"news\",\"path\":\"/api\"}",
                    "Content-Type", "application/json", "Authorization", publisher).statusCode()).isEqualTo(200);
            // no API reaches the log: the nodes API knows content workspaces only
            assertThat(server.get("/.rest/nodes/v1/audit/", "Authorization", publisher).statusCode()).isEqualTo(404);
            assertThat(server.send("DELETE", "/.rest/nodes/v1/audit/x", null, "Authorization", publisher)
                    .statusCode()).isEqualTo(404);
            // three wrong passwords from this address, then the lock-out policy refuses the fourth unchecked
            for (int i = 0; i < 4; i++) {
                assertThat(server.get("/.rest/nodes/v1/news/api", "Authorization",
                        TestServer.basic(TestServer.EDITOR, "wrong-password-" + i)).statusCode()).isEqualTo(401);
            }
            AuditLog log = server.runtime().audit();
            assertThat(log.query(new AuditFilter(TestServer.EDITOR, null, AuditEntry.SIGN_IN_FAILED, null, null), 9))
                    .hasSize(3);
            assertThat(log.query(new AuditFilter(TestServer.EDITOR, null, AuditEntry.LOCK_OUT, null, null), 9))
                    .hasSize(1);
            AuditEntry published = log.query(new AuditFilter(null, "/api", "publish", null, null), 5).get(0);
            assertThat(published.user()).isEqualTo(TestServer.PUBLISHER);
            assertThat(published.address()).isEqualTo("127.0.0.1");
            assertThat(log.query(new AuditFilter(TestServer.PUBLISHER, null, AuditEntry.SIGN_IN, null, null), 5))
                    .hasSize(1);
            AuditEntry failed = log.query(new AuditFilter(TestServer.EDITOR, null, AuditEntry.SIGN_IN_FAILED, null,
                    null), 5).get(0);
            assertThat(failed.address()).isEqualTo("127.0.0.1");
        }
    }
}
