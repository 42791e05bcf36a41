package no.sunnekommuner.cms.repository;

import java.nio.file.Path;
import java.util.List;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;

/**
 * The child process of the crash drill: writes through the content service until it is killed, printing a line
 * for every save that returned (the parent trusts only those).
 */
public final class CrashDrillWriter {

    private CrashDrillWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int first = Integer.parseInt(args[1]);
        CmsRuntime runtime = TestRuntimes.start(data, List.of(TestRuntimes.LIGHT_MODULES));
        ContentService content = runtime.content();
        System.out.println("ready");
        System.out.flush();
        for (int n = first; ; n++) {
            String name = "drill-" + n;
            content.create("benefits", "/", ContentNode.builder(name, "sk:benefit")
                    .property("title", "Drillitem " + n).property("sortOrder", (long) n).build(), "drill");
            System.out.println("saved /" + name);
            if (n % 4 == 0) {
                content.publish("benefits", "/" + name, "drill");
                System.out.println("published /" + name);
            }
            System.out.flush();
        }
    }
}
