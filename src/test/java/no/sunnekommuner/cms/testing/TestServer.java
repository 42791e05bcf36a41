package no.sunnekommuner.cms.testing;

import com.google.common.collect.ImmutableSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.CmsServer;
import no.sunnekommuner.cms.server.HttpSecurity;
import no.sunnekommuner.cms.server.Main;
import no.sunnekommuner.cms.server.Settings;

/** A real server (runtime + Jetty on a free port) for HTTP tests, with an editor and a publisher account. */
public final class TestServer implements AutoCloseable {

    public static final String EDITOR = "redaktor";
    public static final String PUBLISHER = "publisher";
    public static final String PASSWORD = "test-passord-123";

    private final CmsRuntime runtime;
    private final CmsServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    private TestServer(CmsRuntime runtime, CmsServer server) {
        this.runtime = runtime;
        this.server = server;
    }

    public static TestServer start(Path dataDir, List<Path> lightModuleDirs, Map<String, String> overrides)
            throws Exception {
        return start(dataDir, lightModuleDirs, overrides, java.time.Clock.systemUTC());
    }

    /** As {@link #start(Path, List, Map)}, with the clock of review decisions and the scheduler. */
    public static TestServer start(Path dataDir, List<Path> lightModuleDirs, Map<String, String> overrides,
            java.time.Clock clock) throws Exception {
        Files.createDirectories(dataDir);
        Settings settings = TestRuntimes.settings(dataDir, lightModuleDirs);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            settings = settings.with(e.getKey(), e.getValue());
        }
        // as Main starts: the start-up tasks run while the web server starts, and start returns when both are done
        CmsRuntime runtime = CmsRuntime.begin(settings, clock);
        try {
            // a restored repository (backup tests) already holds them
            if (runtime.users().find(EDITOR).isEmpty()) {
                runtime.users().create(EDITOR, "Redaktør", PASSWORD.toCharArray(), ImmutableSet.of(Role.EDITOR),
                        "nb");
            }
            if (runtime.users().find(PUBLISHER).isEmpty()) {
                runtime.users().create(PUBLISHER, "Publisher", PASSWORD.toCharArray(),
                        ImmutableSet.of(Role.EDITOR, Role.PUBLISHER), "nb");
            }
            CmsServer server = new CmsServer("127.0.0.1", 0, HttpSecurity.of(settings), Main.webModules(runtime));
            server.start();
            try {
                runtime.awaitStarted();
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return new TestServer(runtime, server);
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
    }

    public CmsRuntime runtime() {
        return runtime;
    }

    public int port() {
        return server.port();
    }

    public String base() {
        return "http://127.0.0.1:" + port();
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            runtime.close();
        }
    }
}
