package no.sunnekommuner.cms.website;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** What each page shows, read from the delivery API; templates only lay it out. */
final class SitePages {

    static final int NEWS_PAGE_SIZE = 10;
    /** The query parameter of a preview link ({@code ?preview=<token>}, the module's standalone/preview.yaml). */
    static final String PREVIEW = "preview";
    /** Model key of a page that shows a draft (the templates' preview banner). */
    static final String DRAFT = "draft";
    /** The key of an option's label next to its code in the API's JSON ({@code optionLabels: true}). */
    static final String OPTION_LABEL = "@label";
    private static final int MAX_QUERY = 100;

    private final DeliveryClient api;
    private final Clock clock;
    /** Endpoints, property names and orders of the content model ({@code website/site-model.properties}). */
    private final SiteModel cm;
    private final String news;
    private final String members;
    private final String themeGroupsEndpoint;
    private final String benefits;
    private final ObjectMapper json = new ObjectMapper();

    private final ApplicationForm applications;
    private final Pictures pictures;

    SitePages(DeliveryClient api, Clock clock, ApplicationForm applications) {
        this.api = api;
        this.clock = clock;
        this.applications = applications;
        this.cm = SiteModel.load();
        this.news = cm.get("endpoint.news");
        this.members = cm.get("endpoint.members");
        this.themeGroupsEndpoint = cm.get("endpoint.themeGroups");
        this.benefits = cm.get("endpoint.benefits");
        this.pictures = new Pictures(api.apiBase(), cm);
        this.paths = new ItemPaths(cm.get("item.slug"));
    }

    /** How items' addresses are made (for the templates' links). */
    ItemPaths paths() {
        return paths;
    }

    private final ItemPaths paths;

    /** The page for a path below the language prefix ({@code ""}, {@code "/members/asker"}); empty = 404. */
    Optional<Page> page(Lang lang, String path, Map<String, String> query) {
        if (path.isEmpty() || path.equals("/")) {
            return Optional.of(front(lang));
        }
        String[] parts = path.substring(1).split("/", 2);
        Optional<Section> section = Section.of(lang, parts[0]);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        String rest = parts.length > 1 && !parts[1].isEmpty() ? "/" + parts[1] : "";
        Section s = section.get();
        if (!rest.isEmpty()) {
            String endpoint = switch (s) {
                case NEWS -> news;
                case MEMBERS -> members;
                case THEME_GROUPS -> themeGroupsEndpoint;
                default -> null;
            };
            if (endpoint == null) {
                return Optional.empty();
            }
            String token = query.get(PREVIEW);
            return token != null && !token.isBlank() ? Optional.of(preview(lang, s, endpoint, rest, token.strip()))
                    : published(lang, s, endpoint, rest);
        }
        return Optional.of(switch (s) {
            case NEWS -> news(lang, query);
            case WHY -> why(lang);
            case MEMBERS -> members(lang, query);
            case THEME_GROUPS -> themeGroupsPage(lang);
            case GROWTH -> growth(lang);
            case MAP -> map(lang);
            case ACCESSIBILITY -> simple(lang, s, "accessibility", "accessibility.title");
            case APPLY -> applications.form(lang, query);
        });
    }

    private Page front(Lang lang) {
        Map<String, Object> m = model(lang, Messages.get(lang, "site.name"), Messages.get(lang, "front.lead"));
        List<Object> featuredNews = results(api.list(news, params(lang, cm.get("news.featuredFilter"), "true",
                "orderBy", cm.get("news.order"), "limit", "1")));
        m.put("featuredArticle", featuredNews.isEmpty() ? null : featuredNews.get(0));
        List<Object> latest = results(api.list(news, params(lang, "orderBy", cm.get("news.order"), "limit", "5")));
        if (!featuredNews.isEmpty()) {
            Object id = ((Map<?, ?>) featuredNews.get(0)).get("@id");
            latest.removeIf(a -> id.equals(((Map<?, ?>) a).get("@id")));
        }
        m.put("latest", latest.subList(0, Math.min(4, latest.size())));
        m.put("benefits", results(api.list(benefits, params(lang, "orderBy", cm.get("benefits.order"), "limit", "3"))));
        m.put("members", results(api.list(members, params(lang, "orderBy", cm.get("members.newestOrder"),
                "limit", "6"))));
        m.put("groups", results(api.list(themeGroupsEndpoint, params(lang, "orderBy", cm.get("themeGroups.order"),
                "limit", "20"))));
        m.put("growth", Growth.of(allMembers(lang), OffsetDateTime.now(clock.withZone(Fmt.OSLO)), cm));
        return Page.ok("front", m, "/", "/en/");
    }

    private Page news(Lang lang, Map<String, String> query) {
        int pageNo = 1;
        try {
            pageNo = Math.max(1, Math.min(10_000, Integer.parseInt(query.getOrDefault("page", "1"))));
        } catch (NumberFormatException e) {
            // a mangled page number shows the first page
        }
        List<Object> groups = allThemeGroups(lang);
        String theme = query.getOrDefault("theme", "");
        Map<String, String> p = params(lang, "orderBy", cm.get("news.order"), "limit", String.valueOf(NEWS_PAGE_SIZE),
                "offset", String.valueOf((pageNo - 1) * NEWS_PAGE_SIZE));
        Object chosen = null;
        for (Object g : groups) {
            if (((Map<?, ?>) g).get("@name").equals(theme)) {
                chosen = g;
                p.put(cm.get("news.themeGroups"), String.valueOf(((Map<?, ?>) g).get("@id")));
            }
        }
        JsonNode list = api.list(news, p);
        int total = list.path("total").asInt();
        Map<String, Object> m = model(lang, Messages.get(lang, "news.title"), Messages.get(lang, "news.lead"));
        m.put("articles", results(list));
        m.put("groups", groups);
        m.put("theme", chosen == null ? "" : theme);
        m.put("chosenTheme", chosen);
        m.put("page", pageNo);
        m.put("pages", Math.max(1, (total + NEWS_PAGE_SIZE - 1) / NEWS_PAGE_SIZE));
        m.put("total", total);
        return Page.ok("news", m, Section.NEWS.path(Lang.NB), Section.NEWS.path(Lang.EN));
    }

    /**
     * A published item by its address in the language: first as the slug of an item of that folder (the item's
     * {@code slug} in the language, {@code slug_en}), then as the node path; an item found by its node path that
     * has a slug of its own answers with a permanent redirect there, so old addresses keep working.
     */
    private Optional<Page> published(Lang lang, Section section, String endpoint, String address) {
        Optional<Map<String, Object>> bySlug = bySlug(lang, endpoint, address);
        if (bySlug.isPresent()) {
            return Optional.of(itemPage(lang, section, endpoint, bySlug.get(), false));
        }
        return api.item(endpoint, address, lang.code()).map(node -> {
            Map<String, Object> item = map(node);
            String own = paths.itemPath(item);
            if (!own.equals(address)) {
                return Page.redirect(section.path(lang) + own);
            }
            return itemPage(lang, section, endpoint, item, false);
        });
    }

    /** The item of the address's folder whose slug in the language is the address's last segment. */
    private Optional<Map<String, Object>> bySlug(Lang lang, String endpoint, String address) {
        int slash = address.lastIndexOf('/');
        String folder = slash <= 0 ? "/" : address.substring(0, slash);
        String segment = address.substring(slash + 1);
        if (!segment.matches("[a-z0-9]+(-[a-z0-9]+)*") || !address.matches("(/[A-Za-z0-9._-]+)+")) {
            return Optional.empty();
        }
        Map<String, String> p = params(lang, paths.slugFilter(lang), segment, "limit", "10");
        if (!folder.equals("/")) {
            p.put("@ancestor", folder);
        }
        for (Object o : results(api.list(endpoint, p))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) o;
            if (paths.itemPath(item).equals(address)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /**
     * A draft for an editor holding a preview token: the item at its node path from the preview API (the token
     * goes there in a header, never into the cache). The page is marked so it is never stored or indexed, and the
     * language switch keeps the token (the same item: what the token was made for); other links do not.
     */
    private Page preview(Lang lang, Section section, String endpoint, String itemPath, String token) {
        DeliveryClient.Preview draft = api.preview(endpoint, itemPath, lang.code(), token);
        if (draft.status() == 404) {
            Page missing = notFound(lang);
            missing.model().put(Page.PREVIEW, true);
            return missing;
        }
        if (draft.status() != 200) {
            String key = draft.status() == 401 ? "preview.expired" : "preview.otherItem";
            Map<String, Object> m = model(lang, Messages.get(lang, key + ".title"), Messages.get(lang, key + ".lead"));
            m.put(Page.PREVIEW, true);
            return new Page(403, "preview", m, section.path(Lang.NB) + itemPath, section.path(Lang.EN) + itemPath);
        }
        Map<String, Object> item = map(draft.item());
        Page page = itemPage(lang, section, endpoint, item, true);
        String query = "?" + PREVIEW + "=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
        String nb = section.path(Lang.NB) + itemPath + query;
        String en = section.path(Lang.EN) + itemPath + query;
        return new Page(page.status(), page.template(), page.model(), nb, en);
    }

    /** The page of one item, with its address in both languages (the other language read from the API too). */
    private Page itemPage(Lang lang, Section section, String endpoint, Map<String, Object> item, boolean draft) {
        Map<String, Object> m = switch (section) {
            case NEWS -> article(lang, item);
            case MEMBERS -> memberPage(lang, item);
            default -> themeGroup(lang, item);
        };
        String path = paths.itemPath(item);
        String otherPath = draft ? path : api.item(endpoint, String.valueOf(item.get("@path")), lang.other().code())
                .map(n -> paths.itemPath(map(n))).orElse(path);
        if (draft) {
            m.put(Page.PREVIEW, true);
            m.put(DRAFT, true); // the banner: only where a draft is shown, not on a refusal of the token
        }
        String template = section == Section.NEWS ? "article" : section == Section.MEMBERS ? cm.get("members.item")
                : "themegroup";
        return Page.ok(template, m, section.path(Lang.NB) + (lang == Lang.NB ? path : otherPath),
                section.path(Lang.EN) + (lang == Lang.EN ? path : otherPath));
    }

    private Map<String, Object> article(Lang lang, Map<String, Object> a) {
        Map<String, Object> m = model(lang, str(a.get(cm.get("news.title"))), str(a.get(cm.get("news.lead"))));
        m.put("article", a);
        m.put("ogType", "article");
        m.put("ogImage", pictures.share(a.get(cm.get("news.image"))));
        return m;
    }

    private Page why(Lang lang) {
        Map<String, Object> m = model(lang, Messages.get(lang, "why.title"), Messages.get(lang, "why.lead"));
        m.put("benefits", results(api.list(benefits, params(lang, "orderBy", cm.get("benefits.order"),
                "limit", "100"))));
        return Page.ok("why", m, Section.WHY.path(Lang.NB), Section.WHY.path(Lang.EN));
    }

    private Page members(Lang lang, Map<String, String> query) {
        List<Object> all = allMembers(lang);
        TreeSet<String> counties = new TreeSet<>();
        all.forEach(x -> {
            Object c = ((Map<?, ?>) x).get(cm.get("members.county"));
            if (c != null) {
                counties.add(c.toString());
            }
        });
        // the site's own filter parameters (?county=, ?type=, ?q=) are named like the properties they filter
        String county = query.getOrDefault(cm.get("members.county"), "");
        String type = query.getOrDefault("type", "");
        String q = query.getOrDefault("q", "").strip();
        Map<String, String> p = params(lang, "orderBy", cm.get("members.order"), "limit", "500");
        if (counties.contains(county)) {
            p.put(cm.get("members.county"), county);
        } else {
            county = "";
        }
        if (cm.list("members.types").contains(type)) {
            p.put(cm.get("members.type"), type);
        } else {
            type = "";
        }
        if (q.length() > MAX_QUERY) {
            q = q.substring(0, MAX_QUERY);
        }
        if (!q.isEmpty()) {
            p.put("q", q);
        }
        List<Object> found = q.isEmpty() && county.isEmpty() && type.isEmpty() ? all : results(api.list(members, p));
        Map<String, Object> m = model(lang, Messages.get(lang, "members.title"), Messages.get(lang, "members.lead"));
        m.put("members", found);
        m.put("counties", List.copyOf(counties));
        m.put("county", county);
        m.put("type", type);
        m.put("q", q);
        m.put("filtered", !(q.isEmpty() && county.isEmpty() && type.isEmpty()));
        return Page.ok("members", m, Section.MEMBERS.path(Lang.NB), Section.MEMBERS.path(Lang.EN));
    }

    private Map<String, Object> memberPage(Lang lang, Map<String, Object> entry) {
        {
            Object id = entry.get("@id");
            List<Object> groups = new ArrayList<>();
            for (Object g : allThemeGroups(lang)) {
                Map<?, ?> group = (Map<?, ?>) g;
                boolean takesPart = group.get(cm.get("themeGroups.members")) instanceof List<?> list
                        && list.stream().anyMatch(x -> x instanceof Map<?, ?> mm && id.equals(mm.get("@id")));
                boolean leads = group.get(cm.get("themeGroups.leader")) instanceof Map<?, ?> leader
                        && id.equals(leader.get("@id"));
                if (takesPart || leads) {
                    groups.add(g);
                }
            }
            String typeProperty = cm.get("members.type");
            String countyProperty = cm.get("members.county");
            // the type's label as the API gives it (optionLabels), the site's own text for an API without labels
            Object typeLabel = entry.get(typeProperty + OPTION_LABEL);
            Map<String, Object> m = model(lang, str(entry.get(cm.get("members.name"))),
                    (typeLabel != null ? typeLabel : Messages.get(lang, typeProperty + "." + entry.get(typeProperty)))
                            + " · " + Messages.get(lang, countyProperty + "." + entry.get(countyProperty)));
            m.put(cm.get("members.item"), entry);
            m.put("groups", groups);
            return m;
        }
    }

    private Page themeGroupsPage(Lang lang) {
        Map<String, Object> m = model(lang, Messages.get(lang, "themeGroups.title"),
                Messages.get(lang, "themeGroups.lead"));
        m.put("groups", allThemeGroups(lang));
        return Page.ok("themegroups", m, Section.THEME_GROUPS.path(Lang.NB), Section.THEME_GROUPS.path(Lang.EN));
    }

    private Map<String, Object> themeGroup(Lang lang, Map<String, Object> g) {
        Map<String, Object> m = model(lang, str(g.get(cm.get("themeGroups.name"))),
                PlainText.plain(str(g.get(cm.get("themeGroups.description")))));
        m.put("group", g);
        return m;
    }

    private Page growth(Lang lang) {
        Map<String, Object> m = model(lang, Messages.get(lang, "growth.title"), Messages.get(lang, "growth.lead"));
        m.put("growth", Growth.of(allMembers(lang), OffsetDateTime.now(clock.withZone(Fmt.OSLO)), cm));
        return Page.ok("growth", m, Section.GROWTH.path(Lang.NB), Section.GROWTH.path(Lang.EN));
    }

    private Page map(Lang lang) {
        Map<String, Object> m = model(lang, Messages.get(lang, "map.title"), Messages.get(lang, "map.lead"));
        m.put("map", MemberMap.of(allMembers(lang), cm));
        return Page.ok("map", m, Section.MAP.path(Lang.NB), Section.MAP.path(Lang.EN));
    }

    private Page simple(Lang lang, Section s, String template, String titleKey) {
        Map<String, Object> m = model(lang, Messages.get(lang, titleKey), Messages.get(lang, template + ".lead"));
        return Page.ok(template, m, s.path(Lang.NB), s.path(Lang.EN));
    }

    /** Every published item's site path in both languages with its last change, for sitemap.xml. */
    List<Map<String, String>> sitemapEntries() {
        List<Map<String, String>> items = new ArrayList<>();
        String newsDay = addItems(items, news, Section.NEWS, cm.get("news.date"));
        String membersDay = addItems(items, members, Section.MEMBERS, null);
        String groupsDay = addItems(items, themeGroupsEndpoint, Section.THEME_GROUPS, null);
        String benefitsDay = addItems(new ArrayList<>(), benefits, null, null);
        // a list page changed when the newest of its items did; the static pages have no date
        Map<Section, String> sections = new java.util.EnumMap<>(Section.class);
        sections.put(Section.NEWS, newsDay);
        sections.put(Section.MEMBERS, membersDay);
        sections.put(Section.GROWTH, membersDay);
        sections.put(Section.MAP, membersDay);
        sections.put(Section.THEME_GROUPS, groupsDay);
        sections.put(Section.WHY, benefitsDay);
        List<Map<String, String>> entries = new ArrayList<>();
        entries.add(entry("/", "/en/", latest(newsDay, membersDay, groupsDay, benefitsDay)));
        for (Section s : Section.values()) {
            entries.add(entry(s.path(Lang.NB), s.path(Lang.EN), sections.get(s)));
        }
        entries.addAll(items);
        return entries;
    }

    private static String latest(String... days) {
        return java.util.Arrays.stream(days).filter(java.util.Objects::nonNull).max(String::compareTo).orElse(null);
    }

    /** Adds the items' entries (none when {@code section} is null); returns the latest day of a change. */
    private String addItems(List<Map<String, String>> entries, String endpoint, Section section, String dateProperty) {
        String newest = null;
        Map<String, String> english = section == null ? Map.of() : addresses(endpoint, Lang.EN);
        for (int offset = 0; ; offset += 100) {
            JsonNode page = api.list(endpoint, params(Lang.NB, "limit", "100", "offset", String.valueOf(offset)));
            for (JsonNode item : page.path("results")) {
                String path = paths.itemPath(map(item));
                String enPath = english.getOrDefault(item.path("@id").asText(), path);
                String modified = item.path("mgnl:lastModified").asText(
                        dateProperty == null ? "" : item.path(dateProperty).asText(""));
                String day = modified.isEmpty() ? null : Fmt.parse(modified).toLocalDate().toString();
                newest = latest(newest, day);
                if (section != null) {
                    entries.add(entry(section.path(Lang.NB) + path, section.path(Lang.EN) + enPath, day));
                }
            }
            if (offset + 100 >= page.path("total").asInt()) {
                return newest;
            }
        }
    }

    /** Every published item's address in a language, by its identifier. */
    private Map<String, String> addresses(String endpoint, Lang lang) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int offset = 0; ; offset += 100) {
            JsonNode page = api.list(endpoint, params(lang, "limit", "100", "offset", String.valueOf(offset)));
            for (JsonNode item : page.path("results")) {
                out.put(item.path("@id").asText(), paths.itemPath(map(item)));
            }
            if (offset + 100 >= page.path("total").asInt()) {
                return out;
            }
        }
    }

    private static Map<String, String> entry(String nb, String en, String lastmod) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("nb", nb);
        e.put("en", en);
        if (lastmod != null) {
            e.put("lastmod", lastmod);
        }
        return e;
    }

    Page notFound(Lang lang) {
        Map<String, Object> m = model(lang, Messages.get(lang, "notFound.title"), Messages.get(lang, "notFound.lead"));
        return new Page(404, "notfound", m, "/", "/en/");
    }

    private List<Object> allMembers(Lang lang) {
        return results(api.list(members, params(lang, "orderBy", cm.get("members.order"), "limit", "500")));
    }

    private List<Object> allThemeGroups(Lang lang) {
        return results(api.list(themeGroupsEndpoint, params(lang, "orderBy", cm.get("themeGroups.order"),
                "limit", "100")));
    }

    private Map<String, Object> model(Lang lang, String title, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("description", description);
        m.put("pictures", pictures);
        return m;
    }

    private static Map<String, String> params(Lang lang, String... pairs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("lang", lang.code());
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(JsonNode node) {
        return json.convertValue(node, LinkedHashMap.class);
    }

    private List<Object> results(JsonNode list) {
        List<Object> out = new ArrayList<>();
        list.path("results").forEach(n -> out.add(map(n)));
        return out;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /** Plain text of rich text (meta descriptions). */
    static final class PlainText {
        private PlainText() {
        }

        static String plain(String html) {
            return org.jsoup.Jsoup.parse(html).text();
        }
    }

    /** Members per year of joining and the network's size at the end of each year. */
    record Growth(List<Map<String, Object>> years, int max, int newInThreeYears, int total) {

        static Growth of(List<Object> members, OffsetDateTime now, SiteModel cm) {
            String sinceProperty = cm.get("members.since");
            String leftProperty = cm.get("members.left");
            TreeMap<Integer, int[]> perYear = new TreeMap<>();
            int recent = 0;
            int total = 0;
            OffsetDateTime threeYearsAgo = now.minusYears(3);
            for (Object o : members) {
                Map<?, ?> m = (Map<?, ?>) o;
                OffsetDateTime since = Fmt.parse(m.get(sinceProperty));
                OffsetDateTime left = Fmt.parse(m.get(leftProperty));
                if (since == null) {
                    continue;
                }
                perYear.computeIfAbsent(since.getYear(), y -> new int[2])[0]++;
                if (left != null) {
                    perYear.computeIfAbsent(left.getYear(), y -> new int[2])[1]++;
                } else {
                    total++;
                }
                if (since.isAfter(threeYearsAgo)) {
                    recent++;
                }
            }
            List<Map<String, Object>> years = new ArrayList<>();
            int size = 0;
            int max = 1;
            if (!perYear.isEmpty()) {
                for (int y = perYear.firstKey(); y <= Math.max(perYear.lastKey(), now.getYear()); y++) {
                    int[] counts = perYear.getOrDefault(y, new int[2]);
                    size += counts[0] - counts[1];
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("year", y);
                    row.put("joined", counts[0]);
                    row.put("count", size);
                    years.add(row);
                    max = Math.max(max, size);
                }
            }
            return new Growth(years, max, recent, total);
        }

        public List<Map<String, Object>> getYears() {
            return years;
        }

        public int getMax() {
            return max;
        }

        public int getNewInThreeYears() {
            return newInThreeYears;
        }

        public int getTotal() {
            return total;
        }
    }

    /** Members placed on an SVG by their coordinates (an equirectangular view of mainland Norway, no tiles). */
    record MemberMap(List<Map<String, Object>> points, String outline) {

        /** A coarse outline of mainland Norway (latitude, longitude), drawn here so the map needs no tiles. */
        private static final double[][] NORWAY = {
            {57.98, 7.05}, {58.10, 8.00}, {58.45, 8.77}, {59.05, 10.05}, {59.10, 11.40}, {59.90, 12.00},
            {61.00, 12.60}, {62.00, 12.30}, {63.00, 12.10}, {64.00, 13.90}, {65.00, 14.30}, {66.00, 15.40},
            {67.00, 16.40}, {68.40, 18.10}, {69.06, 20.55}, {68.90, 22.30}, {68.60, 24.40}, {69.10, 25.70},
            {69.90, 27.00}, {69.60, 28.90}, {69.80, 30.80}, {70.37, 31.10}, {70.86, 29.10}, {71.17, 25.78},
            {70.66, 23.68}, {69.80, 18.50}, {69.30, 16.00}, {68.20, 13.50}, {67.90, 12.90}, {67.30, 14.40},
            {66.00, 12.50}, {64.90, 11.20}, {64.00, 9.80}, {63.70, 8.70}, {63.10, 7.70}, {62.47, 6.15},
            {62.20, 5.10}, {60.40, 5.00}, {58.97, 5.60}, {58.45, 5.90}};

        static final double WEST = 4.0;
        static final double EAST = 31.5;
        static final double SOUTH = 57.8;
        static final double NORTH = 71.4;
        static final int WIDTH = 510;
        static final int HEIGHT = 600;

        static MemberMap of(List<Object> members, SiteModel cm) {
            List<Map<String, Object>> points = new ArrayList<>();
            String name = cm.get("members.name");
            String item = cm.get("members.item");
            for (Object o : members) {
                Map<?, ?> m = (Map<?, ?>) o;
                if (m.get(cm.get("members.latitude")) instanceof Number lat
                        && m.get(cm.get("members.longitude")) instanceof Number lon) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put(cm.get("members.item"), m);
                    p.put("x", x(lon.doubleValue()));
                    p.put("y", y(lat.doubleValue()));
                    points.add(p);
                }
            }
            points.sort(Comparator.comparing(p -> String.valueOf(((Map<?, ?>) p.get(item)).get(name))));
            StringBuilder outline = new StringBuilder();
            for (double[] c : NORWAY) {
                outline.append(x(c[1])).append(',').append(y(c[0])).append(' ');
            }
            return new MemberMap(points, outline.toString().trim());
        }

        private static double x(double lon) {
            return Math.round((lon - WEST) / (EAST - WEST) * WIDTH * 10) / 10.0;
        }

        private static double y(double lat) {
            return Math.round((NORTH - lat) / (NORTH - SOUTH) * HEIGHT * 10) / 10.0;
        }

        public String getOutline() {
            return outline;
        }

        public List<Map<String, Object>> getPoints() {
            return points;
        }
    }
}
