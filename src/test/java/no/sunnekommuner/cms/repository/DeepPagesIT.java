package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.NodePage;
import no.sunnekommuner.cms.content.model.NodeQuery;
import no.sunnekommuner.cms.content.model.NodeQuery.Filter;
import no.sunnekommuner.cms.content.model.NodeQuery.Operator;
import no.sunnekommuner.cms.content.model.NodeQuery.Order;
import no.sunnekommuner.cms.content.model.ValueKind;
import no.sunnekommuner.cms.content.spi.NodeReads;
import no.sunnekommuner.cms.content.spi.StoredNode;
import no.sunnekommuner.cms.content.validation.ValidationMode;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deep pages come from the remembered hit list of their statement (no index walk past the skipped hits), and are
 * exactly the pages the index itself answers: for every offset of several orders (with ties), filters and full
 * text, with exact totals, and again after publishes, unpublishes, edits and deletions, each of which empties the
 * lists at once. The reference is a reader over the same repository that keeps no hit lists.
 */
class DeepPagesIT {

    static final int ARTICLES = 130;
    static final String[] WORDS = {"folkehelse", "nettverk", "oppvekst", "kommune"};

    @TempDir
    static Path temp;
    static CmsRuntime runtime;
    static ContentService content;
    static JcrNodeReader listed;
    static JcrNodeReader indexOnly;

    @BeforeAll
    static void fill() throws Exception {
        runtime = TestRuntimes.start(temp.resolve("data"));
        content = runtime.content();
        JcrRepository repository = runtime.repository();
        listed = new JcrNodeReader(repository, ZoneOffset.UTC);
        QueryCounts plain = new QueryCounts(GenerationCache.ofSize(1_000), 0);
        content.addChangeListener(workspace -> plain.invalidate());
        indexOnly = new JcrNodeReader(repository, ZoneOffset.UTC, plain);
        content.create("news", "/", ContentNode.builder("saker", "mgnl:folder").build(), "setup",
                ValidationMode.IMPORT);
        content.publish("news", "/saker", "setup");
        for (int i = 0; i < ARTICLES; i++) {
            write(i);
        }
    }

    private static void write(int i) {
        // every third date is shared with the next article: ties are broken the same way on both paths
        OffsetDateTime date = OffsetDateTime.of(2020, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC).plusHours((i / 3) * 7L % 500);
        content.create("news", "/saker", ContentNode.builder("sak-" + i, "sk:newsArticle")
                .property("title", (i % 5 == 0 ? "Aaa " : "Sak ") + i + " om " + WORDS[i % WORDS.length])
                .property("lead", "Ingress " + WORDS[(i * 7) % WORDS.length])
                .property("publishDate", date)
                .property("featured", i % 4 == 0)
                .property("tags", List.of(WORDS[i % WORDS.length], WORDS[(i + 1) % WORDS.length]))
                .build(), "setup", ValidationMode.IMPORT);
        content.publish("news", "/saker/sak-" + i, "setup");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static NodeQuery query(List<Filter> filters, String fullText, List<Order> order, int offset, int limit) {
        return new NodeQuery(Workspaces.published("news"), "/", ImmutableList.of("sk:newsArticle"),
                ImmutableList.copyOf(filters), ImmutableList.of(), fullText, ImmutableList.copyOf(order),
                ImmutableMap.of("publishDate", ValueKind.DATE, "featured", ValueKind.BOOLEAN, "title",
                        ValueKind.STRING, "tags", ValueKind.STRING), offset, limit);
    }

    record Shape(String name, List<Filter> filters, String fullText, List<Order> order) {
    }

    static List<Shape> shapes() {
        Order byDate = new Order("publishDate", true, false);
        return List.of(
                new Shape("by date, newest first", List.of(), null, List.of(byDate)),
                new Shape("by date, oldest first, then title", List.of(), null, List.of(
                        new Order("publishDate", false, false), new Order("title", false, true))),
                new Shape("by title ignoring case", List.of(), null, List.of(new Order("title", false, true))),
                new Shape("index order", List.of(), null, List.of()),
                new Shape("featured, by date", List.of(new Filter("featured", Operator.EQ, "true")), null,
                        List.of(byDate)),
                new Shape("tag and date range", List.of(new Filter("tags", Operator.EQ, "nettverk"),
                        new Filter("publishDate", Operator.GTE, "2020-01-05")), null, List.of(byDate)),
                new Shape("full text by score", List.of(), "folkehelse", List.of()),
                new Shape("full text by date", List.of(), "oppvekst", List.of(byDate)));
    }

    static List<String> paths(NodePage page) {
        return page.nodes().stream().map(StoredNode::path).toList();
    }

    /** Every offset (and past the end) of every shape: the same paths and the same exact total on both paths. */
    private static void assertSameAsTheIndex() {
        for (Shape shape : shapes()) {
            NodePage all;
            try (NodeReads reads = indexOnly.open(10_000)) {
                all = reads.query(query(shape.filters(), shape.fullText(), shape.order(), 0, 1_000));
            }
            assertThat(all.total()).as(shape.name()).isEqualTo(all.nodes().size()).isPositive();
            for (int limit : new int[] {1, 7, 10}) {
                for (int offset = 0; offset <= all.total() + limit; offset += limit == 1 ? 3 : limit) {
                    NodeQuery q = query(shape.filters(), shape.fullText(), shape.order(), offset, limit);
                    NodePage fromIndex;
                    NodePage fromList;
                    try (NodeReads reads = indexOnly.open(10_000)) {
                        fromIndex = reads.query(q);
                    }
                    try (NodeReads reads = listed.open(10_000)) {
                        fromList = reads.query(q);
                    }
                    String where = shape.name() + " offset " + offset + " limit " + limit;
                    assertThat(paths(fromList)).as(where).isEqualTo(paths(fromIndex))
                            .isEqualTo(paths(all).subList(Math.min(offset, all.nodes().size()),
                                    Math.min(offset + limit, all.nodes().size())));
                    assertThat(fromList.total()).as(where).isEqualTo(fromIndex.total()).isEqualTo(all.total());
                }
            }
        }
    }

    @Test
    void everyPageOfEveryShapeEqualsTheIndexsPageAlsoAfterWrites() {
        assertSameAsTheIndex();
        assertThat(runtime.repository().queryCounts().hitListsHeld()).as("one list per statement")
                .isEqualTo(shapes().size());

        // new articles, an unpublished one, a deleted one, dates and titles changed and published
        for (int i = ARTICLES; i < ARTICLES + 9; i++) {
            write(i);
        }
        content.unpublish("news", "/saker/sak-4", "setup");
        content.delete("news", "/saker/sak-8", "setup");
        for (int i : new int[] {1, 50, 99}) {
            String path = "/saker/sak-" + i;
            content.patch("news", path, Map.of("publishDate", OffsetDateTime.of(2031, 1, 1, 0, 0, 0, 0,
                    ZoneOffset.UTC).minusDays(i), "title", "Zzz endret " + i), content.get("news", path)
                    .orElseThrow().revision(), "setup");
            content.publish("news", path, "setup");
        }
        assertSameAsTheIndex();
    }

    @Test
    void hitListsAreWalkedFromTheIndexWithoutLoadingEveryNode() throws Exception {
        // the walk reads identifiers from Jackrabbit's score nodes; should an upgrade hide them, the walk falls
        // back to loading every hit (correct, but 13 s at 100,000 articles): this test notices
        int[] hits = new int[1];
        boolean reachable = runtime.repository().withSession("news-published", s -> {
            @SuppressWarnings("deprecation")
            javax.jcr.query.Query q = s.getWorkspace().getQueryManager().createQuery(
                    "/jcr:root/saker//element(*, sk:newsArticle) order by @publishDate descending",
                    javax.jcr.query.Query.XPATH);
            org.apache.jackrabbit.core.query.lucene.ScoreNodeIterator nodes = HitIdentifiers.of(q.execute()
                    .getNodes());
            if (nodes == null) {
                return false;
            }
            while (nodes.hasNext()) {
                org.apache.jackrabbit.core.query.lucene.ScoreNode[] row = nodes.nextScoreNodes();
                assertThat(s.getNodeByIdentifier(row[0].getNodeId().toString()).getPath()).startsWith("/saker/");
                hits[0]++;
            }
            return true;
        });
        assertThat(reachable).as("Jackrabbit's score nodes are reachable").isTrue();
        assertThat(hits[0]).isGreaterThan(ARTICLES / 2);
    }

    @Test
    void publishAndUnpublishEmptyTheListsAndTheNextPageShowsTheChange() {
        List<Order> byDate = List.of(new Order("publishDate", true, false));
        long before;
        try (NodeReads reads = listed.open(100)) {
            before = reads.query(query(List.of(), null, byDate, 40, 10)).total();
        }
        QueryCounts counts = runtime.repository().queryCounts();
        assertThat(counts.hitListsHeld()).isPositive();

        content.create("news", "/saker", ContentNode.builder("nyeste", "sk:newsArticle").property("title", "Nyest")
                .property("publishDate", OffsetDateTime.of(2040, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)).build(), "setup",
                ValidationMode.IMPORT);
        assertThat(counts.hitListsHeld()).as("a draft changes content too").isZero();
        List<String> page = new ArrayList<>();
        try (NodeReads reads = listed.open(100)) {
            NodePage p = reads.query(query(List.of(), null, byDate, 0, 10));
            assertThat(p.total()).as("drafts are not published").isEqualTo(before);
            assertThat(paths(p)).doesNotContain("/saker/nyeste");
        }

        content.publish("news", "/saker/nyeste", "setup");
        assertThat(counts.hitListsHeld()).isZero();
        try (NodeReads reads = listed.open(100)) {
            NodePage p = reads.query(query(List.of(), null, byDate, 0, 10));
            assertThat(p.total()).isEqualTo(before + 1);
            assertThat(paths(p).get(0)).isEqualTo("/saker/nyeste");
            page.addAll(paths(reads.query(query(List.of(), null, byDate, (int) before, 10))));
        }
        assertThat(page).as("the last page moved by one").hasSize(1);

        content.unpublish("news", "/saker/nyeste", "setup");
        assertThat(counts.hitListsHeld()).isZero();
        try (NodeReads reads = listed.open(100)) {
            NodePage p = reads.query(query(List.of(), null, byDate, 0, 10));
            assertThat(p.total()).isEqualTo(before);
            assertThat(paths(p)).doesNotContain("/saker/nyeste");
            assertThat(reads.query(query(List.of(), null, byDate, (int) before, 10)).nodes()).isEmpty();
        }
        content.delete("news", "/saker/nyeste", "setup");
    }
}
