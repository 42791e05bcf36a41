package no.sunnekommuner.cms.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import com.google.common.io.ByteSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.jcr.Node;
import javax.jcr.PropertyType;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentPage;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.model.PublicationStatus;
import no.sunnekommuner.cms.content.model.VersionInfo;
import no.sunnekommuner.cms.content.validation.ValidationException;
import no.sunnekommuner.cms.content.validation.ValidationMode;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.repository.Workspaces;
import no.sunnekommuner.cms.server.CmsRuntime;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content service on a real repository with the real light module: storage, validation, publication. */
class ContentServiceIT {

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

    static ContentNode member(String name, String type, String number) {
        return ContentNode.builder(name, "sk:member")
                .property("name", name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1))
                .property("memberType", type)
                .property("number", number)
                .build();
    }

    static ContentItem createMember(String name, String type, String number) {
        return content.create("members", "/", member(name, type, number), USER);
    }

    static ContentNode article(String name, String title) {
        return ContentNode.builder(name, "sk:newsArticle")
                .property("title", title)
                .property("publishDate", OffsetDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.ofHours(1)))
                .build();
    }

    static List<String> rules(ValidationException e) {
        return e.violations().stream().map(v -> v.field() + ":" + v.rule()).toList();
    }

    static ValidationException validationError(Runnable r) {
        try {
            r.run();
        } catch (ValidationException e) {
            return e;
        }
        throw new AssertionError("expected a validation error");
    }

    // ---- storage ------------------------------------------------------------------------------------------

    @Test
    void roundTripKeepsTypesI18nNamesAndSubModels() throws Exception {
        ContentItem leader = createMember("roundtrip-leader", "kommune", "5037");
        OffsetDateTime since = OffsetDateTime.of(2019, 6, 13, 0, 0, 0, 0, ZoneOffset.ofHours(2));
        ContentNode node = ContentNode.builder("roundtrip-asker", "sk:member")
                .property("name", "Asker")
                .property("name_en", "Asker municipality")
                .property("memberType", "kommune")
                .property("number", "3203")
                .property("population", 98000L)
                .property("memberSince", since)
                .property("latitude", 59.83)
                .property("website", "https://www.asker.kommune.no")
                .property("description", "<p>Folkehelse <b>først</b></p>")
                .property("description_en", "<p>Health first</p>")
                .child(ContentNode.builder("coordinator", "sk:coordinator")
                        .property("name", "Kari Nordmann").property("title", "Rådgiver")
                        .property("title_en", "Adviser").property("email", "kari@example.no").build())
                .build();
        ContentItem created = content.create("members", "/", node, USER);

        ContentItem read = content.get("members", "/roundtrip-asker").orElseThrow();
        assertThat(read.id()).isEqualTo(created.id());
        assertThat(read.revision()).isEqualTo(1);
        assertThat(read.status()).isEqualTo(PublicationStatus.DRAFT);
        assertThat(read.node().property("population")).isEqualTo(98000L);
        assertThat(read.node().property("memberSince")).isEqualTo(since);
        assertThat(((OffsetDateTime) read.node().property("memberSince")).getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(read.node().property("latitude")).isEqualTo(59.83);
        assertThat(read.node().property("name_en")).isEqualTo("Asker municipality");
        assertThat(read.node().property("county")).as("derived from the kommunenummer").isEqualTo("32");
        assertThat(read.node().children().get("coordinator").property("title_en")).isEqualTo("Adviser");
        assertThat(read.createdBy()).isEqualTo(USER);

        // the JCR layout follows Magnolia: typed properties, i18n suffix names, sub-model child node type
        runtime.repository().withSession("members", s -> {
            Node n = s.getNode("/roundtrip-asker");
            assertThat(n.getPrimaryNodeType().getName()).isEqualTo("sk:member");
            assertThat(n.isNodeType("mgnl:content")).isTrue();
            assertThat(n.getProperty("population").getType()).isEqualTo(PropertyType.LONG);
            assertThat(n.getProperty("memberSince").getType()).isEqualTo(PropertyType.DATE);
            assertThat(n.getProperty("latitude").getType()).isEqualTo(PropertyType.DOUBLE);
            assertThat(n.getProperty("name_en").getString()).isEqualTo("Asker municipality");
            assertThat(n.getProperty("mgnl:createdBy").getString()).isEqualTo(USER);
            assertThat(n.hasProperty("mgnl:activationStatus")).as("never published").isFalse();
            assertThat(n.getNode("coordinator").getPrimaryNodeType().getName()).isEqualTo("sk:coordinator");
            assertThat(n.getNode("coordinator").isNodeType("mgnl:contentNode")).isTrue();
            return null;
        });

        ContentNode news = ContentNode.builder("roundtrip-news", "sk:newsArticle")
                .property("title", "Ny plan").property("title_en", "New plan")
                .property("publishDate", since).property("featured", true)
                .property("tags", ImmutableList.of("plan", "helse"))
                .property("members", leader.id())
                .build();
        ContentItem article = content.create("news", "/", news, USER);
        assertThat(article.node().property("members")).as("a multiple property stores a list")
                .isEqualTo(ImmutableList.of(leader.id()));
        assertThat(article.node().property("tags")).isEqualTo(ImmutableList.of("plan", "helse"));
        assertThat(article.node().property("featured")).isEqualTo(true);

        ContentItem benefit = content.create("benefits", "/", ContentNode.builder("roundtrip-benefit", "sk:benefit")
                .property("title", "Nettverk").property("title_en", "Network").property("sortOrder", 3L).build(), USER);
        assertThat(content.get("benefits", benefit.path()).orElseThrow().node().property("sortOrder")).isEqualTo(3L);

        ContentItem group = content.create("themegroups", "/", ContentNode.builder("roundtrip-group", "sk:themeGroup")
                .property("name", "Planarbeid").property("audience", "alle").property("active", true)
                .property("leader", leader.id()).property("members", ImmutableList.of(leader.id(), created.id()))
                .build(), USER);
        assertThat(content.get("themegroups", group.path()).orElseThrow().node().property("members"))
                .isEqualTo(ImmutableList.of(leader.id(), created.id()));
    }

    @Test
    void richTextIsSanitizedOnSave() {
        ContentItem item = content.create("benefits", "/", ContentNode.builder("sanitized", "sk:benefit")
                .property("title", "Trygg")
                .property("body", "<p onclick=\"x()\">Hei<script>alert(1)</script> <a href=\"javascript:alert(1)\">"
                        + "lenke</a> <a href=\"https://example.no\">ok</a></p>")
                .property("body_en", "<img src=x onerror=alert(1)><p>Hi</p>")
                .build(), USER);
        String body = (String) item.node().property("body");
        assertThat(body).doesNotContain("script").doesNotContain("onclick").doesNotContain("javascript:")
                .contains("<p>Hei").contains("href=\"https://example.no\"");
        assertThat((String) item.node().property("body_en")).doesNotContain("onerror").contains("<p>Hi</p>");
    }

    // ---- validation ---------------------------------------------------------------------------------------

    @Test
    void requiredValuesInTheDefaultLanguage() {
        ValidationException e = validationError(() -> content.create("news", "/",
                ContentNode.builder("no-title", "sk:newsArticle").property("title_en", "Only English").build(), USER));
        assertThat(rules(e)).contains("title:required", "publishDate:required");
        Violation v = e.violations().get(0);
        assertThat(v.message(Locale.forLanguageTag("nb"))).isEqualTo("må fylles ut");
        assertThat(v.message(Locale.ENGLISH)).isEqualTo("is required");
        assertThat(content.get("news", "/no-title")).as("nothing written").isEmpty();
    }

    @Test
    void valueTypesMultiplicityAndOptions() {
        ValidationException e = validationError(() -> content.create("members", "/",
                ContentNode.builder("bad-types", "sk:member").property("name", "X").property("memberType", "by")
                        .property("number", "3203").property("population", "many")
                        .property("memberSince", "yesterday")
                        .property("website", ImmutableList.of("https://a.no", "https://b.no")).build(), USER));
        assertThat(rules(e)).contains("memberType:option", "population:type", "memberSince:type",
                "website:notMultiple");
        assertThat(e.violations().stream().filter(v -> v.rule().equals("option")).findFirst().orElseThrow()
                .message(Locale.ENGLISH)).contains("kommune, fylkeskommune");
    }

    @Test
    void referencesMustPointAtExistingItemsOfTheTargetType() {
        ContentItem benefit = content.create("benefits", "/", ContentNode.builder("not-a-group", "sk:benefit")
                .property("title", "Ikke en gruppe").build(), USER);
        ContentItem article = content.create("news", "/", article("ref-target-article", "Mål"), USER);
        ValidationException e = validationError(() -> content.create("news", "/", article("bad-refs", "Feil")
                .toBuilder()
                .property("themeGroups", ImmutableList.of("not-a-uuid"))
                .property("members", ImmutableList.of("00000000-0000-4000-8000-000000000000"))
                .build(), USER));
        assertThat(rules(e)).contains("themeGroups:referenceFormat", "members:referenceMissing");
        // an item of another type in another workspace is not found as a member
        ValidationException wrongType = validationError(() -> content.create("news", "/", article("bad-refs-2", "Feil")
                .toBuilder().property("members", ImmutableList.of(benefit.id(), article.id())).build(), USER));
        assertThat(rules(wrongType)).contains("members:referenceMissing");
    }

    @Test
    void emailAndWebAddressFormats() {
        ValidationException e = validationError(() -> content.create("members", "/",
                member("bad-formats", "kommune", "1860").toBuilder()
                        .property("website", "www.vestvagoy.kommune.no")
                        .child(ContentNode.builder("coordinator", "sk:coordinator").property("name", "Per")
                                .property("email", "per.example.no").build())
                        .build(), USER));
        assertThat(rules(e)).contains("website:regexpValidator", "coordinator.email:emailValidator");
        // the YAML's regexp is the only rule on website: no second check chosen by its name
        assertThat(rules(e).stream().filter(r -> r.startsWith("website:"))).containsExactly("website:regexpValidator");
        ValidationException group = validationError(() -> content.create("themegroups", "/",
                ContentNode.builder("bad-mail-group", "sk:themeGroup").property("name", "Gruppe")
                        .property("contactEmail", "not an address").build(), USER));
        assertThat(rules(group)).contains("contactEmail:emailValidator");
    }

    @Test
    void memberNumbersFollowTheMemberTypeAndAreUnique() {
        assertThat(rules(validationError(() -> createMember("short-kommune", "kommune", "18"))))
                .containsExactly("number:memberNumber.kommune");
        assertThat(rules(validationError(() -> createMember("long-county", "fylkeskommune", "1804"))))
                .containsExactly("number:memberNumber.fylkeskommune");
        assertThat(rules(validationError(() -> createMember("no-county", "kommune", "9999"))))
                .containsExactly("number:memberNumber.county");
        ContentItem nordland = createMember("nordland", "fylkeskommune", "18");
        assertThat(nordland.node().property("county")).isEqualTo("18");
        ValidationException duplicate = validationError(() -> createMember("nordland-again", "fylkeskommune", "18"));
        assertThat(rules(duplicate)).containsExactly("number:memberNumber.duplicate");
        assertThat(duplicate.violations().get(0).message(Locale.ENGLISH)).contains("/nordland");
        // saving the member itself again is not a duplicate of itself
        content.update("members", "/nordland", nordland.node().toBuilder().property("population", 240000L).build(),
                nordland.revision(), USER);
    }

    @Test
    void imageNeedsAlternativeText() {
        assertThat(rules(validationError(() -> content.create("news", "/", article("image-no-alt", "Bilde")
                .toBuilder().property("image", "https://example.no/bilde.jpg").build(), USER))))
                .containsExactly("imageAlt:altText");
        content.create("news", "/", article("image-with-alt", "Bilde").toBuilder()
                .property("image", "https://example.no/bilde.jpg").property("imageAlt", "Barn som leker").build(), USER);
    }

    @Test
    void nodeNamesAreChecked() {
        assertThat(rules(validationError(() -> content.create("benefits", "/",
                ContentNode.builder("bad/name", "sk:benefit").property("title", "X").build(), USER))))
                .contains("@name:nodeName");
    }

    // ---- publication, versions, conflicts ------------------------------------------------------------------

    @Test
    void publishedSnapshotStaysUntilTheNextPublish() {
        ContentItem draft = content.create("news", "/", article("publish-me", "Første tittel"), USER);
        assertThat(content.getPublished("news", "/publish-me")).as("drafts are not public").isEmpty();

        ContentItem published = content.publish("news", "/publish-me", "publisher");
        assertThat(published.status()).isEqualTo(PublicationStatus.PUBLISHED);
        assertThat(published.lastPublishedBy()).isEqualTo("publisher");
        assertThat(content.getPublished("news", "/publish-me").orElseThrow().node().property("title"))
                .isEqualTo("Første tittel");
        assertThat(content.getPublished("news", "/publish-me").orElseThrow().id()).isEqualTo(draft.id());

        ContentItem edited = content.update("news", "/publish-me", published.node().toBuilder()
                .property("title", "Endret tittel").build(), published.revision(), USER);
        assertThat(edited.status()).isEqualTo(PublicationStatus.MODIFIED);
        assertThat(content.getPublished("news", "/publish-me").orElseThrow().node().property("title"))
                .as("the public still sees the published state").isEqualTo("Første tittel");

        content.publish("news", "/publish-me", "publisher");
        assertThat(content.getPublished("news", "/publish-me").orElseThrow().node().property("title"))
                .isEqualTo("Endret tittel");

        ContentItem unpublished = content.unpublish("news", "/publish-me", "publisher");
        assertThat(unpublished.status()).isEqualTo(PublicationStatus.DRAFT);
        assertThat(content.getPublished("news", "/publish-me")).isEmpty();
        assertThat(content.get("news", "/publish-me").orElseThrow().node().property("title"))
                .as("unpublishing keeps the draft").isEqualTo("Endret tittel");
    }

    @Test
    void publishingCreatesFoldersAndKeepsSubModels() {
        content.create("members", "/", ContentNode.builder("region-nord", "mgnl:folder").build(), USER);
        content.create("members", "/region-nord", member("bodo", "kommune", "1804").toBuilder()
                .child(ContentNode.builder("politicalContact", "sk:politicalContact").property("name", "Ola")
                        .property("role", "ordfører").property("role_en", "mayor").build()).build(), USER);
        content.publish("members", "/region-nord/bodo", "publisher");
        ContentItem published = content.getPublished("members", "/region-nord/bodo").orElseThrow();
        assertThat(published.node().children().get("politicalContact").property("role_en")).isEqualTo("mayor");
        assertThat(content.getPublished("members", "/region-nord")).as("folder created on the public side")
                .isPresent();

        // removing the sub-model in the draft reaches the public only with the next publish
        ContentItem draft = content.get("members", "/region-nord/bodo").orElseThrow();
        content.update("members", "/region-nord/bodo", draft.node().toBuilder().removeChild("politicalContact")
                .build(), draft.revision(), USER);
        assertThat(content.getPublished("members", "/region-nord/bodo").orElseThrow().node().children())
                .containsKey("politicalContact");
        content.publish("members", "/region-nord/bodo", "publisher");
        assertThat(content.getPublished("members", "/region-nord/bodo").orElseThrow().node().children()).isEmpty();
    }

    @Test
    void eachPublishIsAVersionThatCanBeRestored() {
        ContentItem v1 = content.create("benefits", "/", ContentNode.builder("versioned", "sk:benefit")
                .property("title", "Versjon en").property("sortOrder", 1L).build(), USER);
        content.publish("benefits", "/versioned", "publisher");
        ContentItem current = content.get("benefits", "/versioned").orElseThrow();
        content.update("benefits", "/versioned", current.node().toBuilder().property("title", "Versjon to")
                .property("summary", "Ny").build(), current.revision(), USER);
        content.publish("benefits", "/versioned", "publisher");

        List<VersionInfo> versions = content.versions("benefits", "/versioned");
        // every save and every publish makes a version
        assertThat(versions).extracting(VersionInfo::name).containsExactly("1.0", "1.1", "1.2", "1.3");
        assertThat(versions).extracting(VersionInfo::action).containsExactly(VersionInfo.Action.SAVED,
                VersionInfo.Action.PUBLISHED, VersionInfo.Action.SAVED, VersionInfo.Action.PUBLISHED);
        assertThat(versions.get(1).createdBy()).isEqualTo("publisher");
        assertThat(content.version("benefits", "/versioned", "1.0").orElseThrow().property("title"))
                .isEqualTo("Versjon en");

        ContentItem restored = content.restore("benefits", "/versioned", "1.0", USER);
        assertThat(restored.node().property("title")).isEqualTo("Versjon en");
        assertThat(restored.node().property("summary")).as("properties added later are gone").isNull();
        assertThat(restored.id()).isEqualTo(v1.id());
        assertThat(restored.status()).isEqualTo(PublicationStatus.MODIFIED);
        assertThat(content.getPublished("benefits", "/versioned").orElseThrow().node().property("title"))
                .as("restoring changes the draft only").isEqualTo("Versjon to");
        assertThatThrownBy(() -> content.restore("benefits", "/versioned", "9.9", USER))
                .isInstanceOf(ContentException.class).hasMessageContaining("9.9");
    }

    @Test
    void outdatedRevisionIsAConflictNotAnOverwrite() {
        ContentItem item = content.create("benefits", "/", ContentNode.builder("contested", "sk:benefit")
                .property("title", "Start").build(), USER);
        ContentItem first = content.update("benefits", "/contested", item.node().toBuilder()
                .property("title", "Editor A").build(), item.revision(), "a");
        assertThatThrownBy(() -> content.update("benefits", "/contested", item.node().toBuilder()
                .property("title", "Editor B").build(), item.revision(), "b"))
                .isInstanceOf(ContentConflictException.class);
        assertThat(content.get("benefits", "/contested").orElseThrow().node().property("title")).isEqualTo("Editor A");
        assertThat(first.revision()).isEqualTo(item.revision() + 1);
    }

    @Test
    void concurrentEditsOnTheSameRevisionLetExactlyOneWin() throws Exception {
        ContentItem item = content.create("benefits", "/", ContentNode.builder("race", "sk:benefit")
                .property("title", "Start").build(), USER);
        int editors = 6;
        ExecutorService pool = Executors.newFixedThreadPool(editors);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < editors; i++) {
            String title = "Editor " + i;
            outcomes.add(pool.submit(() -> {
                go.await();
                try {
                    content.update("benefits", "/race", item.node().toBuilder().property("title", title).build(),
                            item.revision(), title);
                    return "saved";
                } catch (ContentConflictException e) {
                    return "conflict";
                }
            }));
        }
        go.countDown();
        Map<String, Integer> counts = new HashMap<>();
        for (Future<String> f : outcomes) {
            counts.merge(f.get(), 1, Integer::sum);
        }
        pool.shutdown();
        assertThat(counts).containsEntry("saved", 1).containsEntry("conflict", editors - 1);
    }

    @Test
    void deletingReferencedContentIsRefused() {
        ContentItem target = createMember("referenced-member", "kommune", "4204");
        content.create("news", "/", article("refers", "Viser til").toBuilder()
                .property("members", ImmutableList.of(target.id())).build(), USER);
        assertThatThrownBy(() -> content.delete("members", "/referenced-member", "publisher"))
                .isInstanceOf(ContentReferencedException.class).hasMessageContaining("news:/refers");
        content.delete("news", "/refers", "publisher");
        content.delete("members", "/referenced-member", "publisher");
        assertThat(content.get("members", "/referenced-member")).isEmpty();
    }

    @Test
    void deleteRemovesDraftAndPublishedCopy() {
        content.create("benefits", "/", ContentNode.builder("short-lived", "sk:benefit").property("title", "Kort")
                .build(), USER);
        content.publish("benefits", "/short-lived", "publisher");
        content.delete("benefits", "/short-lived", "publisher");
        assertThat(content.get("benefits", "/short-lived")).isEmpty();
        assertThat(content.getPublished("benefits", "/short-lived")).isEmpty();
    }

    @Test
    void listingSearchesSortsPagesAndFiltersByStatus() {
        for (int i = 0; i < 5; i++) {
            content.create("benefits", "/", ContentNode.builder("listed-" + i, "sk:benefit")
                    .property("title", "Listefordel " + (char) ('E' - i)).property("sortOrder", (long) i).build(), USER);
        }
        content.publish("benefits", "/listed-2", "publisher");
        ContentPage page = content.list(new ContentQuery("benefit", "listefordel", null, "sortOrder", false, 1, 2));
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items()).extracting(ContentItem::name).containsExactly("listed-3", "listed-2");
        ContentPage published = content.list(new ContentQuery("benefit", "listefordel", PublicationStatus.PUBLISHED,
                null, true, 0, 10));
        assertThat(published.items()).extracting(ContentItem::name).containsExactly("listed-2");
        assertThat(content.list(new ContentQuery("benefit", "listefordel b", null, "title", true, 0, 10)).items())
                .extracting(ContentItem::name).containsExactly("listed-3");
        assertThat(content.list(new ContentQuery("benefit", "') or jcr:like(@title, '%", null, null, true, 0, 10)).total())
                .as("query syntax in search text is just text").isZero();
    }

    @Test
    void undeclaredPropertiesAreRefusedNamingThem() {
        ValidationException e = validationError(() -> content.create("benefits", "/",
                ContentNode.builder("undeclared", "sk:benefit").property("title", "Tall")
                        .property("bodyHtml", "<img src=x onerror=alert(1)>")
                        .property("body_de", "<script>alert(1)</script>")
                        .property("sortOrder_en", 3L)
                        .property("amount", new BigDecimal("1234.50")).build(), USER));
        assertThat(rules(e)).containsExactlyInAnyOrder("bodyHtml:unknownProperty", "body_de:unknownProperty",
                "sortOrder_en:unknownProperty", "amount:unknownProperty");
        assertThat(e.violations().get(0).message(Locale.ENGLISH)).isEqualTo("is not a property of benefit");
        assertThat(e.violations().get(0).message(Locale.forLanguageTag("nb")))
                .isEqualTo("er ikke en egenskap ved benefit");
        assertThat(content.get("benefits", "/undeclared")).as("nothing written").isEmpty();

        ContentItem ok = content.create("benefits", "/", ContentNode.builder("declared", "sk:benefit")
                .property("title", "Tall").property("body_en", "<p>x</p>").build(), USER);
        assertThat(rules(validationError(() -> content.patch("benefits", ok.path(),
                Map.of("bodyHtml", "<p>x</p>"), -1, USER)))).containsExactly("bodyHtml:unknownProperty");
        assertThat(rules(validationError(() -> content.update("benefits", ok.path(),
                ok.node().toBuilder().property("body_de", "x").build(), ok.revision(), USER))))
                .containsExactly("body_de:unknownProperty");
        assertThat(content.get("benefits", ok.path()).orElseThrow().node().properties())
                .doesNotContainKeys("bodyHtml", "body_de");
    }

    @Test
    void undeclaredChildNodesAreRefusedNamingThem() {
        ContentNode member = member("undeclared-child", "kommune", "3301").toBuilder()
                .child(ContentNode.builder("gallery", "mgnl:contentNode").property("html", "<script>x</script>")
                        .build())
                .child(ContentNode.builder("coordinator", "sk:coordinator").property("name", "Kari")
                        .property("bio", "<img src=x onerror=alert(1)>")
                        .child(ContentNode.builder("nested", "mgnl:contentNode").build()).build())
                .build();
        ValidationException e = validationError(() -> content.create("members", "/", member, USER));
        assertThat(rules(e)).containsExactlyInAnyOrder("gallery:unknownNode", "coordinator.bio:unknownProperty",
                "coordinator/nested:unknownNode");
        assertThat(content.get("members", "/undeclared-child")).as("nothing written").isEmpty();

        ContentItem item = createMember("child-target", "kommune", "3303");
        assertThat(rules(validationError(() -> content.create("members", item.path(),
                ContentNode.builder("notes", "mgnl:contentNode").property("text", "x").build(), USER))))
                .containsExactly("notes:unknownNode");
        assertThat(rules(validationError(() -> content.create("members", "/",
                ContentNode.builder("loose", "mgnl:contentNode").build(), USER))))
                .containsExactly("loose:unknownNode");
        // a declared sub-model with a language suffix is checked like the sub-model itself
        assertThat(rules(validationError(() -> content.create("members", item.path(),
                ContentNode.builder("coordinator_en", "sk:coordinator").property("email", "not-an-address")
                        .property("bio", "x").build(), USER))))
                .containsExactlyInAnyOrder("coordinator_en.email:emailValidator", "coordinator_en.bio:unknownProperty");
    }

    @Test
    void itemsNestedInAWrittenTreeAreValidatedAndSanitisedToo() {
        ContentNode folder = ContentNode.builder("tree-folder", "mgnl:folder")
                .child(ContentNode.builder("inner", "sk:benefit").property("title", "Inne")
                        .property("body", "<p>ok<img src=x onerror=alert(1)></p>").build())
                .build();
        ContentItem created = content.create("benefits", "/", folder, USER, ValidationMode.IMPORT);
        assertThat(content.get("benefits", created.path() + "/inner").orElseThrow().node().text("body"))
                .isEqualTo("<p>ok</p>"); // an image that is no library link is dropped
        ValidationException e = validationError(() -> content.create("benefits", "/",
                ContentNode.builder("tree-folder-2", "mgnl:folder")
                        .child(ContentNode.builder("inner", "sk:benefit").property("bodyHtml", "x").build())
                        .build(), USER, ValidationMode.IMPORT));
        assertThat(rules(e)).as("fields named by their place in the tree")
                .containsExactlyInAnyOrder("inner/title:required", "inner/bodyHtml:unknownProperty");
    }

    @Test
    void richTextOrTextGivenAsBinaryIsRefused() {
        ValidationException e = validationError(() -> content.create("benefits", "/",
                ContentNode.builder("binary-body", "sk:benefit").property("title", "Tall")
                        .property("body", "<img src=x onerror=alert(1)>".getBytes(StandardCharsets.UTF_8))
                        .property("summary_en", ByteSource.wrap("<script>alert(1)</script>".getBytes(
                                StandardCharsets.UTF_8)))
                        .build(), USER));
        assertThat(rules(e)).containsExactlyInAnyOrder("body:type", "summary_en:type");
        assertThat(e.violations().get(0).message(Locale.ENGLISH)).isEqualTo("must be text");
        assertThat(content.get("benefits", "/binary-body")).as("nothing written").isEmpty();
    }
}
