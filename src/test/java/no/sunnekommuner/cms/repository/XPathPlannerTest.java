package no.sunnekommuner.cms.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import no.sunnekommuner.cms.content.InvalidQueryException;
import no.sunnekommuner.cms.content.model.NodeQuery;
import no.sunnekommuner.cms.content.model.NodeQuery.Filter;
import no.sunnekommuner.cms.content.model.NodeQuery.Operator;
import no.sunnekommuner.cms.content.model.NodeQuery.Order;
import no.sunnekommuner.cms.content.model.ValueKind;
import org.junit.jupiter.api.Test;

/**
 * The one planner: what a {@link NodeQuery} becomes as XPath, for delivery queries and editor listings. The
 * workspace is a table of what a repository would answer (types stored in content, paths, prefixes, subtypes).
 */
class XPathPlannerTest {

    /** What a repository with sk:article (a subtype sk:story) and one node at /2024 answers. */
    static final XPathPlanner.Workspace WORKSPACE = new XPathPlanner.Workspace() {
        @Override
        public ValueKind sampledType(String name) {
            return Map.of("mgnl:created", ValueKind.DATE, "score", ValueKind.DOUBLE).getOrDefault(name,
                    ValueKind.UNDEFINED);
        }

        @Override
        public String identifierOf(String path) {
            return path.equals("/2024") ? "id-2024" : null;
        }

        @Override
        public boolean knownPrefix(String prefix) {
            return List.of("jcr", "mgnl", "nt", "cms").contains(prefix);
        }

        @Override
        public List<String> concreteTypes(List<String> nodeTypes) {
            return nodeTypes.contains("sk:article") ? List.of("sk:article", "sk:story") : List.of();
        }
    };

    static final XPathPlanner PLANNER = new XPathPlanner(ZoneId.of("Europe/Oslo"));

    static NodeQuery query(List<Filter> filters, List<Order> order, Map<String, ValueKind> declared) {
        return new NodeQuery("news-published", "/", ImmutableList.of("sk:article"), ImmutableList.copyOf(filters),
                ImmutableList.of(), null, ImmutableList.copyOf(order), ImmutableMap.copyOf(declared), 0, 10);
    }

    static String xpath(List<Filter> filters, Map<String, ValueKind> declared) {
        return PLANNER.plan(query(filters, List.of(), declared), WORKSPACE).xpath();
    }

    @Test
    void valuesBecomeEscapedLiteralsOfTheirPropertysType() {
        assertThat(xpath(List.of(new Filter("title", Operator.EQ, "O'Brien] or [1=1")), Map.of("title",
                ValueKind.STRING))).isEqualTo("/jcr:root//element(*, nt:base)[((@jcr:primaryType = 'sk:article') or "
                        + "(@jcr:primaryType = 'sk:story')) and (@title = 'O''Brien] or [1=1')]");
        assertThat(xpath(List.of(new Filter("priority", Operator.GT, "5")), Map.of("priority", ValueKind.LONG)))
                .endsWith("(@priority > 5)]");
    }

    @Test
    void aValueNotOfTheTypeMatchesNothing() {
        XPathPlanner.Plan plan = PLANNER.plan(query(List.of(new Filter("priority", Operator.EQ, "5 or 1=1")),
                List.of(), Map.of("priority", ValueKind.LONG)), WORKSPACE);
        assertThat(plan.matchesNothing()).isTrue();
        assertThat(plan.xpath()).doesNotContain("1=1");
    }

    @Test
    void aDayIsTheWholeDayInTheConfiguredZoneAndAnUndeclaredPropertyIsTypedFromContent() {
        assertThat(xpath(List.of(new Filter("mgnl:created", Operator.EQ, "2024-06-12")), Map.of()))
                .contains("@mgnl:created >= xs:dateTime('2024-06-12T00:00:00.000+02:00') and "
                        + "@mgnl:created < xs:dateTime('2024-06-13T00:00:00.000+02:00')");
        assertThatThrownBy(() -> xpath(List.of(new Filter("mgnl:created", Operator.EQ, "2024-01-01~2024-02-01")),
                Map.of())).isInstanceOfSatisfying(InvalidQueryException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidQueryException.Kind.BAD_REQUEST))
                .hasMessage("Range is not supported.");
    }

    @Test
    void anUnknownNamespaceMatchesNothingAndABadNameIsRefused() {
        assertThat(PLANNER.plan(query(List.of(new Filter("evil:x", Operator.EQ, "1")), List.of(), Map.of()),
                WORKSPACE).matchesNothing()).isTrue();
        assertThatThrownBy(() -> xpath(List.of(new Filter("a b", Operator.EQ, "1")), Map.of()))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("Invalid property name");
    }

    @Test
    void oneAncestorIsTheSearchRootSeveralAreLeftToTheRunner() {
        NodeQuery one = new NodeQuery("news", "/", ImmutableList.of("sk:article"), ImmutableList.of(),
                ImmutableList.of(ImmutableList.of("/2024")), null, ImmutableList.of(), ImmutableMap.of(), 0, 10);
        XPathPlanner.Plan plan = PLANNER.plan(one, WORKSPACE);
        assertThat(plan.xpath()).startsWith("/jcr:root/_x0032_024//element(*, nt:base)");
        assertThat(plan.pagedByIndex()).isTrue();
        NodeQuery two = new NodeQuery("news", "/", ImmutableList.of("sk:article"), ImmutableList.of(),
                ImmutableList.of(ImmutableList.of("/2024", "/2025")), null, ImmutableList.of(), ImmutableMap.of(), 0,
                10);
        assertThat(PLANNER.plan(two, WORKSPACE).ancestorAlternatives()).containsExactly("/2024", "/2025");
        assertThat(PLANNER.plan(two, WORKSPACE).pagedByIndex()).isFalse();
    }

    @Test
    void deliveryOrdersTextCaseInsensitivelyNumbersAsNumbersAndNameByTheRunner() {
        XPathPlanner.Plan plan = PLANNER.plan(query(List.of(), List.of(new Order("title", true, true),
                new Order("score", false, true)), Map.of("title", ValueKind.STRING)), WORKSPACE);
        assertThat(plan.xpath()).endsWith(" order by fn:lower-case(@title) descending, @score ascending");
        XPathPlanner.Plan byName = PLANNER.plan(query(List.of(), List.of(new Order("@name", true, true)),
                Map.of()), WORKSPACE);
        assertThat(byName.sortsByName()).isTrue();
        assertThat(byName.nameDescending()).isTrue();
        assertThat(byName.xpath()).doesNotContain("order by");
    }

    @Test
    void anEditorListingSearchesWordsAndFiltersByStatusThroughTheSamePlanner() {
        NodeQuery editor = new NodeQuery("news", "/", ImmutableList.of("sk:article"),
                ImmutableList.of(new Filter(ContentNodes.STATUS, Operator.EQ, "published"),
                        new Filter("title", Operator.WORDS, "Årskonferanse's <b>2024")),
                ImmutableList.of(), null, ImmutableList.of(new Order("title", false, false)),
                ImmutableMap.of(ContentNodes.STATUS, ValueKind.STRING), 0, 10);
        String x = PLANNER.plan(editor, WORKSPACE).xpath();
        assertThat(x).contains("(@cms:publicationStatus = 'published')")
                .contains("jcr:contains(., 'årskonferanse*') or jcr:like(fn:lower-case(@title), '%årskonferanse%')")
                .contains("jcr:contains(., 's*')").contains("jcr:contains(., 'b*')")
                .contains("jcr:contains(., '2024*')").doesNotContain("<b>").doesNotContain("''")
                .endsWith(" order by @title ascending");
    }
}
