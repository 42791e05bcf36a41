package no.sunnekommuner.cms.bench;

import com.google.common.collect.ImmutableSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.CmsServer;
import no.sunnekommuner.cms.server.Main;
import no.sunnekommuner.cms.server.Settings;

/**
 * Import benchmark (not a test): a system-view file with a folder of {@code bench.items} (20,000) benefits is
 * imported over HTTP into a fresh repository while another client saves one item after the other in the same
 * workspace; prints the import's duration and how long those single saves took meanwhile.
 */
public final class ImportBenchmark {

    private static final String USER = "benchmark";
    private static final String PASSWORD = "benchmark-password";

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int items = Integer.getInteger("bench.items", 20_000);
        Path data = Files.createTempDirectory("import-bench");
        Map<String, String> values = new HashMap<>(Settings.load(System.getenv(), System.getProperties()).asMap());
        values.put("data.dir", data.toString());
        values.put("lightModules.dirs", Path.of("light-modules").toAbsolutePath().toString());
        values.put("demo.content", "false");
        values.put("import.maxNodes", String.valueOf(items + 1));
        StringBuilder xml = new StringBuilder("<sv:node sv:name=\"bulk\" xmlns:sv=\"http://www.jcp.org/jcr/sv/1.0\">"
                + "<sv:property sv:name=\"jcr:primaryType\" sv:type=\"Name\"><sv:value>mgnl:folder</sv:value>"
                + "</sv:property>");
        for (int i = 0; i < items; i++) {
            xml.append("<sv:node sv:name=\"item-").append(i).append("\"><sv:property sv:name=\"jcr:primaryType\" "
                    + "sv:type=\"Name\"><sv:value>sk:benefit</sv:value></sv:property><sv:property sv:name=\"title\" "
                    + "sv:type=\"String\"><sv:value>Fordel ").append(i).append("</sv:value></sv:property></sv:node>");
        }
        byte[] body = xml.append("</sv:node>").toString().getBytes(StandardCharsets.UTF_8);
        String auth = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newHttpClient();
        try (CmsRuntime runtime = CmsRuntime.start(new Settings(values))) {
            runtime.users().create(USER, "Benchmark", PASSWORD.toCharArray(), ImmutableSet.of(Role.EDITOR), "nb");
            try (CmsServer server = new CmsServer("127.0.0.1", 0, Main.webModules(runtime))) {
                server.start();
                String base = "http://127.0.0.1:" + server.port() + "/.rest/nodes/v1/";
                long started = System.nanoTime();
                CompletableFuture<HttpResponse<String>> imported = client.sendAsync(HttpRequest.newBuilder(
                                URI.create(base + "import/benefits")).header("Authorization", auth)
                        .header("Content-Type", "application/xml").PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
                List<Long> saves = new ArrayList<>();
                int n = 0;
                while (!imported.isDone()) {
                    long before = System.nanoTime();
                    HttpResponse<String> saved = client.send(HttpRequest.newBuilder(URI.create(base + "benefits"))
                            .header("Authorization", auth).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"single-" + n++ + "\",\"type\":"
                                    + "\"sk:benefit\",\"properties\":[{\"name\":\"title\",\"type\":\"String\","
                                    + "\"values\":[\"Enkel\"]}]}")).build(), HttpResponse.BodyHandlers.ofString());
                    if (saved.statusCode() != 200) {
                        throw new IllegalStateException("single save: " + saved.statusCode() + " " + saved.body());
                    }
                    saves.add((System.nanoTime() - before) / 1_000_000);
                }
                long importMillis = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("%nImport of %,d items (batches of %s nodes): status %d in %,d ms%n", items,
                        values.get("import.batchNodes"), imported.get().statusCode(), importMillis);
                Collections.sort(saves);
                System.out.printf("Single saves during the import: %d, median %d ms, p90 %d ms, max %d ms%n",
                        saves.size(), percentile(saves, 50), percentile(saves, 90), percentile(saves, 100));
            }
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
