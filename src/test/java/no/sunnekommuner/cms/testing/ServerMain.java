package no.sunnekommuner.cms.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.server.CmsServer;
import no.sunnekommuner.cms.server.InitialAdmin;
import no.sunnekommuner.cms.server.Main;
import no.sunnekommuner.cms.server.Settings;

/**
 * A server JVM for tests that need several instances: starts the runtime and Jetty exactly as {@link Main} does
 * (settings from {@code SK_*} variables), prints {@code port <n>}, then takes commands on stdin for what the HTTP
 * API does not offer: {@code publish <workspace> <path>} answers {@code ok} or {@code error <message>};
 * {@code create <count> <prefix>} creates that many benefits through the content service (no HTTP, no password
 * check) and answers {@code ok <milliseconds>} (for the cluster benchmark's write rate).
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.load();
        CmsRuntime runtime = CmsRuntime.start(settings);
        InitialAdmin.ensure(runtime.users(), settings);
        CmsServer server = new CmsServer("127.0.0.1", settings.port(), Main.webModules(runtime));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                // stopping anyway
            }
            runtime.close();
        }));
        server.start();
        System.out.println("port " + server.port());
        System.out.flush();
        ContentService content = runtime.content();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ");
            try {
                if (words.length == 3 && words[0].equals("publish")) {
                    content.publish(words[1], words[2], "admin");
                    System.out.println("ok");
                } else if (words.length == 3 && words[0].equals("create")) {
                    long start = System.nanoTime();
                    for (int i = 0; i < Integer.parseInt(words[1]); i++) {
                        content.create("benefits", "/", no.sunnekommuner.cms.content.model.ContentNode.builder(
                                words[2] + "-" + i, "sk:benefit").property("title", words[2] + " " + i).build(),
                                "admin");
                    }
                    System.out.println("ok " + (System.nanoTime() - start) / 1_000_000);
                } else {
                    System.out.println("error unknown command " + line);
                }
            } catch (RuntimeException e) {
                System.out.println("error " + e.getMessage().replace('\n', ' '));
            }
            System.out.flush();
        }
        // stdin closed: the test that started this server is done or gone; stop instead of lingering as an orphan
        System.exit(0);
    }
}
