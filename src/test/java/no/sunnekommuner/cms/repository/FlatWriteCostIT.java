package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.jcr.NodeIterator;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.RichTextSanitizer;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.VersionInfo;
import no.sunnekommuner.cms.content.spi.ContentStore;
import no.sunnekommuner.cms.content.validation.ContentValidator;
import no.sunnekommuner.cms.content.validation.domain.DomainRules;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps a write's cost independent of how many items share its folder (issue 13), on a real repository:
 * a write never reads its folder as an item (which reads every child), a first publish orders the public copy
 * without walking the siblings, version histories are spread over buckets and the old layout still works.
 */
class FlatWriteCostIT {

    private static final String USER = "tester";
    @TempDir
    static Path data;
    static CmsRuntime runtime;
    static ContentService content;

    @BeforeAll
    static void start() throws Exception {
        runtime = TestRuntimes.start(data.resolve("repo"));
        content = runtime.content();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static ContentNode article(String name) {
        return ContentNode.builder(name, "sk:newsArticle").property("title", "Sak " + name)
                .property("publishDate", OffsetDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC)).build();
    }

    /** A content service on the same repository whose store records each call naming a path. */
    private static ContentService recording(List<String> calls) {
        ContentStore real = new JcrContentStore(runtime.repository());
        ContentStore recorder = (ContentStore) Proxy.newProxyInstance(ContentStore.class.getClassLoader(),
                new Class<?>[] {ContentStore.class}, (proxy, method, args) -> {
                    if (args != null && args.length >= 2 && args[1] instanceof String path) {
                        calls.add(method.getName() + " " + args[0] + ":" + path);
                    } else if (args != null && args.length == 1 && args[0] instanceof String ws) {
                        calls.add(method.getName() + " " + ws);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new ContentService(runtime.definitions(), recorder, new ContentValidator(runtime.definitions(),
                runtime.settings().siteLocales(), DomainRules.all()), new RichTextSanitizer(),
                runtime.settings().siteLocales());
    }

    @Test
    void writesBelowAFolderNeverReadTheFolderAsAnItem() {
        content.create("news", "/", ContentNode.builder("stor-mappe", "mgnl:folder").build(), USER);
        for (int i = 0; i < 5; i++) {
            content.create("news", "/stor-mappe", article("sak-" + i), USER);
        }
        List<String> calls = new CopyOnWriteArrayList<>();
        ContentService recorded = recording(calls);

        recorded.create("news", "/stor-mappe", article("ny"), USER);
        ContentItem item = recorded.get("news", "/stor-mappe/ny").orElseThrow();
        recorded.patch("news", "/stor-mappe/ny", Map.of("lead", "Ingress"), item.revision(), USER);
        item = recorded.get("news", "/stor-mappe/ny").orElseThrow();
        recorded.update("news", "/stor-mappe/ny", item.node().toBuilder().property("lead", "Ny ingress").build(),
                item.revision(), USER);
        recorded.publish("news", "/stor-mappe/ny", USER);

        assertThat(calls).as("the folder is asked for its type only, never read with its children")
                .contains("nodeType news:/stor-mappe")
                .doesNotContain("read news:/stor-mappe", "children news:/stor-mappe");
        // the writes still know where they are: an item below a folder is held to the item's rules
        assertThat(content.getPublished("news", "/stor-mappe/ny").orElseThrow().node().property("lead"))
                .isEqualTo("Ny ingress");
    }

    @Test
    void demoContentAsksWhetherAWorkspaceIsEmptyWithoutListingIt() {
        assertThat(content.isEmpty("themegroups")).isTrue();
        content.create("benefits", "/", ContentNode.builder("en-mappe", "mgnl:folder").build(), USER);
        assertThat(content.isEmpty("benefits")).isFalse();

        List<String> calls = new CopyOnWriteArrayList<>();
        assertThat(new DemoContent(recording(calls)).loadIfEmpty()).as("content exists: nothing loaded")
                .isZero();
        assertThat(calls).noneMatch(c -> c.startsWith("children "));
    }

    @Test
    void aFirstPublishKeepsTheDraftOrderWhateverOrderItemsArePublishedIn() throws Exception {
        content.create("news", "/", ContentNode.builder("rekkefolge", "mgnl:folder").build(), USER);
        for (String name : List.of("a", "b", "c", "d")) {
            content.create("news", "/rekkefolge", article(name), USER);
        }
        assertThat(SiblingNames.readsChildEntries()).as("the sibling list is read without loading siblings")
                .isTrue();
        for (String name : List.of("c", "a", "d", "b")) {
            content.publish("news", "/rekkefolge/" + name, USER);
        }
        List<String> published = runtime.repository().withSession("news-published", s -> {
            List<String> names = new java.util.ArrayList<>();
            for (NodeIterator it = s.getNode("/rekkefolge").getNodes(); it.hasNext(); ) {
                names.add(it.nextNode().getName());
            }
            return names;
        });
        assertThat(published).containsExactly("a", "b", "c", "d");
        runtime.repository().withSession("news", s -> {
            assertThat(SiblingNames.after(s.getNode("/rekkefolge/b"))).containsExactly("c", "d");
            assertThat(SiblingNames.after(s.getNode("/rekkefolge/d"))).isEmpty();
            return null;
        });
    }

    @Test
    void versionHistoriesAreSpreadOverBucketsAndTheOldLayoutStillWorks() throws Exception {
        ContentItem created = content.create("news", "/", article("historikk"), USER);
        String id = created.id();
        String bucketed = VersionHistories.path("news", id);
        boolean inBucket = runtime.repository().withSession(Workspaces.VERSIONS, s -> s.nodeExists(bucketed));
        assertThat(inBucket).isTrue();
        List<String> topLevel = runtime.repository().withSession(Workspaces.VERSIONS, s -> {
            List<String> names = new java.util.ArrayList<>();
            for (NodeIterator it = s.getNode("/news").getNodes(); it.hasNext(); ) {
                names.add(it.nextNode().getName());
            }
            return names;
        });
        assertThat(topLevel).as("only buckets below the workspace's node, made all at once").hasSize(256)
                .allMatch(n -> n.matches("[0-9a-f]{2}"));

        // a history of the layout before the buckets, at /news/<identifier>
        runtime.repository().withSession(Workspaces.VERSIONS, s -> {
            s.move(bucketed, "/news/" + id);
            s.save();
            return null;
        });
        assertThat(content.versions("news", "/historikk")).extracting(VersionInfo::name).containsExactly("1.0");
        ContentItem current = content.get("news", "/historikk").orElseThrow();
        content.patch("news", "/historikk", Map.of("lead", "Endret"), current.revision(), USER);
        content.publish("news", "/historikk", USER);
        assertThat(content.versions("news", "/historikk")).extracting(VersionInfo::name)
                .containsExactly("1.0", "1.1", "1.2");
        assertThat(content.version("news", "/historikk", "1.0").orElseThrow().property("lead")).isNull();
        assertThat(content.restore("news", "/historikk", "1.0", USER).node().property("lead")).isNull();
        boolean stayed = runtime.repository().withSession(Workspaces.VERSIONS, s -> s.nodeExists("/news/" + id)
                && !s.nodeExists(bucketed));
        assertThat(stayed).as("an old history keeps growing where it is").isTrue();
    }
}
