package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.security.ApiToken;
import no.sunnekommuner.cms.security.ApiTokens;
import no.sunnekommuner.cms.content.spi.StoredToken;
import no.sunnekommuner.cms.repository.JcrTokenStore;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.security.User;
import no.sunnekommuner.cms.testing.TestRuntimes;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication of the REST API over HTTP: the lock-out policy (per address, delays per account), equal answers
 * for unknown users, over-long passwords, cached Basic credentials, API tokens. Clients at other addresses are
 * simulated with other loopback source addresses (127.0.0.x).
 */
class AuthenticationIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String ADMIN = "sjef";
    static final String PREVIEW = "/.rest/preview/news/v1/tokentest";
    static final String NODE = "/.rest/nodes/v1/news/tokentest";

    @TempDir
    static Path temp;
    /** Every Basic request pays bcrypt: what the lock-out policy sees. */
    static TestServer uncached;
    /** Default settings (Basic credentials cached). */
    static TestServer server;
    static User admin;

    @BeforeAll
    static void start() throws Exception {
        uncached = TestServer.start(temp.resolve("uncached"), List.of(TestRuntimes.LIGHT_MODULES),
                Map.of("security.basicAuthCache.seconds", "0"));
        server = TestServer.start(temp.resolve("cached"), List.of(TestRuntimes.LIGHT_MODULES), Map.of());
        for (TestServer s : List.of(uncached, server)) {
            s.runtime().users().create(ADMIN, "Sjef", TestServer.PASSWORD.toCharArray(),
                    ImmutableSet.of(Role.EDITOR, Role.ADMIN), "nb");
            s.runtime().content().create("news", "/", ContentNode.builder("tokentest", "sk:newsArticle")
                    .property("title", "Tokentest").property("publishDate",
                            OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build(), "t");
        }
        admin = server.runtime().users().find(ADMIN).orElseThrow();
    }

    @AfterAll
    static void stop() throws Exception {
        for (TestServer s : new TestServer[] {uncached, server}) {
            if (s != null) {
                s.close();
            }
        }
    }

    static RawHttp.Response get(TestServer s, String from, String path, String authorization) throws Exception {
        return RawHttp.sendFrom(from, s.port(), "GET", path, authorization == null ? Map.of()
                : Map.of("Authorization", authorization), null);
    }

    static RawHttp.Response send(TestServer s, String method, String path, String authorization, String json)
            throws Exception {
        return RawHttp.sendFrom("127.0.0.1", s.port(), method, path, Map.of("Authorization", authorization,
                "Content-Type", "application/json"), json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    static void assertUnauthorizedJson(RawHttp.Response r) throws Exception {
        assertThat(r.status()).isEqualTo(401);
        assertThat(MAPPER.readTree(r.body()).path("error").path("code").asText()).isEqualTo("unauthorized");
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"sunne-kommuner\"");
    }

    @Test
    void wrongPasswordsFromOneAddressDoNotLockTheRealUserOut() throws Exception {
        String right = TestServer.basic(TestServer.PUBLISHER, TestServer.PASSWORD);
        String wrong = TestServer.basic(TestServer.PUBLISHER, "gjettet-passord");
        String usual = "127.0.0.2";
        String attacker = "127.0.0.3";
        assertThat(get(uncached, usual, PREVIEW, right).status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertUnauthorizedJson(get(uncached, attacker, PREVIEW, wrong));
        }
        // from the address the user signed in from: at once
        assertThat(get(uncached, usual, PREVIEW, right).status()).isEqualTo(200);
        // from a new address: after a short delay (seconds, never minutes)
        long start = System.nanoTime();
        int status = 0;
        while (System.nanoTime() - start < Duration.ofSeconds(12).toNanos()) {
            status = get(uncached, "127.0.0.4", PREVIEW, right).status();
            if (status == 200) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(status).as("the right password from a new address after a short delay").isEqualTo(200);
        // the guessing address itself is refused after ten failures, even with the right password
        for (int i = 0; i < 5; i++) {
            get(uncached, attacker, PREVIEW, wrong);
        }
        assertThat(get(uncached, attacker, PREVIEW, right).status()).isEqualTo(401);
        assertThat(get(uncached, usual, PREVIEW, right).status()).isEqualTo(200);
    }

    @Test
    void unknownAndKnownUsersTakeAsLongToRefuse() throws Exception {
        uncached.runtime().users().create("tid", null, TestServer.PASSWORD.toCharArray(),
                ImmutableSet.of(Role.EDITOR), "nb");
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // below both limits: every attempt is a real password check
            known.add(timed(TestServer.basic("tid", "feil-passord-" + i)));
            unknown.add(timed(TestServer.basic("finnes-ikke", "feil-passord-" + i)));
        }
        double ratio = (double) median(unknown) / median(known);
        assertThat(ratio).as("unknown/known median refusal time, known %s, unknown %s", known, unknown)
                .isBetween(0.5, 2.0);
    }

    static long timed(String authorization) throws Exception {
        long start = System.nanoTime();
        assertThat(get(uncached, "127.0.0.5", PREVIEW, authorization).status()).isEqualTo(401);
        return System.nanoTime() - start;
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return (sorted.get(sorted.size() / 2) + sorted.get((sorted.size() - 1) / 2)) / 2;
    }

    @Test
    void aPasswordLongerThanBcryptCanTakeIsAFailedAttemptNotAServerError() throws Exception {
        RawHttp.Response r = get(uncached, "127.0.0.6", PREVIEW, TestServer.basic(TestServer.EDITOR, "p".repeat(100)));
        assertUnauthorizedJson(r);
        RawHttp.Response multibyte = get(uncached, "127.0.0.6", NODE,
                TestServer.basic(TestServer.EDITOR, "ø".repeat(40)));
        assertUnauthorizedJson(multibyte);
    }

    @Test
    void cachedBasicCredentialsFollowPasswordRoleAndAccountChangesAtOnce() throws Exception {
        server.runtime().users().create("basil", null, TestServer.PASSWORD.toCharArray(),
                ImmutableSet.of(Role.EDITOR, Role.PUBLISHER), "nb");
        server.runtime().content().create("news", "/", ContentNode.builder("basil-sak", "sk:newsArticle")
                .property("title", "Basil").property("publishDate",
                        OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build(), "t");
        String basil = TestServer.basic("basil", TestServer.PASSWORD);
        assertThat(get(server, "127.0.0.1", NODE, basil).status()).isEqualTo(200);
        server.runtime().users().update("basil", null, ImmutableSet.of(Role.EDITOR), null);
        assertThat(send(server, "DELETE", "/.rest/nodes/v1/news/basil-sak", basil, null).status())
                .as("demoted: no delete any more").isEqualTo(403);
        server.runtime().users().setPassword("basil", "et-helt-nytt-passord".toCharArray());
        assertUnauthorizedJson(get(server, "127.0.0.1", NODE, basil));
        String renewed = TestServer.basic("basil", "et-helt-nytt-passord");
        assertThat(get(server, "127.0.0.1", NODE, renewed).status()).isEqualTo(200);
        server.runtime().users().delete("basil");
        assertUnauthorizedJson(get(server, "127.0.0.1", NODE, renewed));
    }

    @Test
    void apiTokensWorkOnTheNodesApiAndPreviewUntilRevokedAndCarryTheirRoleOnly() throws Exception {
        ApiTokens tokens = server.runtime().tokens();
        String editor = "Bearer " + tokens.create("skript", Role.EDITOR, Duration.ofDays(30), admin).secret();
        assertThat(editor).startsWith("Bearer skt_");
        assertThat(get(server, "127.0.0.1", NODE, editor).status()).isEqualTo(200);
        assertThat(MAPPER.readTree(get(server, "127.0.0.1", PREVIEW, editor).body()).path("title").asText())
                .isEqualTo("Tokentest");
        RawHttp.Response write = send(server, "POST", NODE, editor,
                "{\"properties\":[{\"name\":\"title\",\"type\":\"String\",\"multiple\":false,"
                        + "\"values\":[\"Skrevet med token\"]}]}");
        assertThat(write.status()).isEqualTo(200);
        assertThat(server.runtime().content().get("news", "/tokentest").orElseThrow().node().properties()
                .get("title")).isEqualTo("Skrevet med token");
        assertThat(send(server, "DELETE", NODE, editor, null).status()).as("an editor token cannot delete")
                .isEqualTo(403);
        ApiToken stored = tokens.list().stream().filter(t -> t.name().equals("skript")).findFirst().orElseThrow();
        assertThat(stored.lastUsed()).isNotNull();
        assertThat(stored.hash()).doesNotContain(editor.substring(7)).hasSize(64);

        // wrong, expired and revoked tokens: 401 with a JSON body
        assertUnauthorizedJson(get(server, "127.0.0.1", NODE, "Bearer skt_" + "A".repeat(43)));
        assertUnauthorizedJson(get(server, "127.0.0.1", NODE, "Bearer " + editor.substring(7, 40)));
        String expired = "skt_" + "E".repeat(43);
        new JcrTokenStore(server.runtime().repository()).add(new StoredToken("abcdef0123", "gammel", "editor",
                ADMIN, Instant.now().minus(Duration.ofDays(40)), Instant.now().minus(Duration.ofDays(10)), null,
                "EEEEEE", sha256(expired)));
        String publisher = "Bearer " + tokens.create("publisering", Role.PUBLISHER, Duration.ofDays(1), admin)
                .secret(); // also reloads the tokens, the expired one with them
        assertThat(tokens.list()).extracting(ApiToken::name).contains("gammel");
        assertUnauthorizedJson(get(server, "127.0.0.1", NODE, "Bearer " + expired));
        assertUnauthorizedJson(get(server, "127.0.0.1", PREVIEW, "Bearer " + expired));
        tokens.revoke(stored.id());
        assertUnauthorizedJson(get(server, "127.0.0.1", NODE, editor));
        assertUnauthorizedJson(get(server, "127.0.0.1", PREVIEW, editor));

        // a publisher token deletes; a token dies with its admin's admin role, and with the admin
        server.runtime().content().create("news", "/", ContentNode.builder("slettes", "sk:newsArticle")
                .property("title", "Slettes").property("publishDate",
                        OffsetDateTime.parse("2026-11-01T10:00:00+01:00")).build(), "t");
        assertThat(send(server, "DELETE", "/.rest/nodes/v1/news/slettes", publisher, null).status()).isEqualTo(200);
        server.runtime().users().create("sjef2", null, TestServer.PASSWORD.toCharArray(),
                ImmutableSet.of(Role.ADMIN), "nb");
        User admin2 = server.runtime().users().find("sjef2").orElseThrow();
        String second = "Bearer " + tokens.create("sjef2s", Role.EDITOR, Duration.ofDays(1), admin2).secret();
        assertThat(get(server, "127.0.0.1", NODE, second).status()).isEqualTo(200);
        server.runtime().users().update("sjef2", null, ImmutableSet.of(Role.EDITOR), null);
        assertUnauthorizedJson(get(server, "127.0.0.1", NODE, second));
        server.runtime().users().update("sjef2", null, ImmutableSet.of(Role.ADMIN), null);
        assertThat(get(server, "127.0.0.1", NODE, second).status()).isEqualTo(200);
        server.runtime().users().delete("sjef2");
        assertUnauthorizedJson(get(server, "127.0.0.1", NODE, second));
        assertThat(tokens.list()).extracting(ApiToken::name).doesNotContain("sjef2s");
    }

    static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    static JsonNode json(RawHttp.Response r) throws Exception {
        return MAPPER.readTree(r.body());
    }
}
