package no.sunnekommuner.cms.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import no.sunnekommuner.cms.server.Settings;

/** A server instance in a JVM of its own ({@link ServerMain}), started with settings as environment variables. */
public final class ServerProcess implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "cluster-admin-123";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final PrintWriter commands;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcess(Process process, Path log, int timeoutSeconds) throws Exception {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                    PrintWriter logged = new PrintWriter(java.nio.file.Files.newBufferedWriter(log,
                            StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND), true)) {
                String line;
                while ((line = out.readLine()) != null) {
                    // answers of ServerMain go to the test, the server's log lines (stdout too) to the log file
                    if (line.startsWith("port ") || line.equals("ok") || line.startsWith("ok ")
                            || line.startsWith("error ")) {
                        lines.add(line);
                    } else {
                        logged.println(line);
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        String first = next(timeoutSeconds);
        if (first == null || !first.startsWith("port ")) {
            process.destroyForcibly();
            throw new IllegalStateException("The server did not start (" + first + "); see its log");
        }
        this.port = Integer.parseInt(first.substring(5).trim());
    }

    /**
     * Starts an instance with {@code settings} (keys as in the defaults file) on a free port; its log goes to
     * {@code log}. Waits until it listens.
     */
    public static ServerProcess start(Map<String, String> settings, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ServerMain.class.getName());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SK_"));
        Map<String, String> all = new HashMap<>(Map.of("server.port", "0", "demo.content", "false",
                "admin.password", ADMIN_PASSWORD, "lightModules.dirs", TestRuntimes.LIGHT_MODULES.toString()));
        all.putAll(settings);
        all.forEach((k, v) -> env.put(Settings.envName(k), v));
        Path errors = log.resolveSibling(log.getFileName() + ".err");
        builder.redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()));
        return new ServerProcess(builder.start(), log, 120);
    }

    private String next(int seconds) throws InterruptedException {
        return lines.poll(seconds, TimeUnit.SECONDS);
    }

    /** Publishes an item through this instance's content service. */
    public void publish(String workspace, String path) throws Exception {
        commands.println("publish " + workspace + " " + path);
        String answer = next(30);
        if (!"ok".equals(answer)) {
            throw new IllegalStateException("publish " + path + ": " + answer);
        }
    }

    /** Creates {@code count} items through this instance's content service; returns the milliseconds it took. */
    public long createThroughContentService(int count, String prefix) throws Exception {
        commands.println("create " + count + " " + prefix);
        String answer = next(600);
        if (answer == null || !answer.startsWith("ok ")) {
            throw new IllegalStateException("create " + prefix + ": " + answer);
        }
        return Long.parseLong(answer.substring(3).trim());
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, null);
    }

    public HttpResponse<String> getAsAdmin(String path) throws Exception {
        return send("GET", path, null, TestServer.basic(ADMIN, ADMIN_PASSWORD));
    }

    /** A nodes-API or other request with the admin's Basic credentials; extra headers as name/value pairs. */
    public HttpResponse<String> sendAsAdmin(String method, String path, String body, String... headers)
            throws Exception {
        return send(method, path, body, TestServer.basic(ADMIN, ADMIN_PASSWORD), headers);
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization,
            String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** A clean stop (SIGTERM: the shutdown hook closes Jetty and the repository). */
    @Override
    public void close() throws Exception {
        commands.close();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
