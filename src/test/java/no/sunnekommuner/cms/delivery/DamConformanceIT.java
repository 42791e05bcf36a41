package no.sunnekommuner.cms.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.hash.Hashing;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import no.sunnekommuner.cms.security.Role;
import no.sunnekommuner.cms.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance of the media library with a real Magnolia 6.2.45 (DAM 3.0.32): loads the recorded light module
 * ({@code magnolia-golden-dam/goldendam}, with its theme) in our runtime, creates the recorded assets and stories
 * with Magnolia's own {@code seed-dam.sh} against our nodes API (binaries as base64 {@code jcr:data} values of a
 * {@code jcr:content} child, as on Magnolia), publishes them with the commands endpoint, and replays all 142
 * recorded cases: the 4 of the site without a theme, the 116 with the theme, and the 22 follow-ups of every link
 * the recorded JSON contained. Compared: the status; for JSON the body (objects without regard to key order,
 * identifiers and timestamps normalised as {@link GoldenConformanceIT} does) and {@code Content-Type},
 * {@code Content-Language}, {@code Vary}; for binaries the bytes (identical to the source file, or the recorded
 * slice of it) or, where Magnolia re-encoded, the format and pixel size, and the media type, {@code Content-Length},
 * {@code Content-Range}, {@code Accept-Ranges}, the presence of {@code Last-Modified} and the disposition of
 * documents.
 */
class DamConformanceIT {

    static final Path GOLDEN = Path.of("src/test/resources/magnolia-golden-dam").toAbsolutePath();
    static final String SUPERUSER_PASSWORD = "superuser-golden-dam";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Magnolia's web-app context: its links are relative to the host and include it; ours run at the root. */
    static final String CONTEXT = "/magnoliaAuthor";
    static final ImmutableSet<String> TIMESTAMPS = ImmutableSet.of("jcr:created", "mgnl:created",
            "mgnl:lastModified", "mgnl:lastActivated", "jcr:lastModified", "date", "created", "modified");
    /** The assets the cases name by placeholder, and the paths they stand for. */
    static final ImmutableMap<String, String> PLACEHOLDERS = ImmutableMap.<String, String>builder()
            .put("{PNG}", "/sunne/raadhuset").put("{JPG}", "/sunne/fjord")
            .put("{PDF}", "/sunne/dokumenter/kommuneplan").put("{TOM}", "/sunne/tom")
            .put("{FEIL}", "/sunne/feil-metadata").put("{DIR}", "/sunne").put("{STORY}", "/sunne-dag").build();

    /**
     * Intended extras in a resolved asset (README "Media library", delivery): the alternative text and focal point
     * in the metadata, the size of every rendition, and the {@code v} (version) parameter of rendition links that
     * lets them be cached for a year. They are removed from our side before comparing, after checking that they
     * are there (the test fails if they go away silently, too).
     */
    static final ImmutableSet<String> OUR_METADATA_EXTRAS = ImmutableSet.of("altText", "focalPoint");

    /**
     * Cases where we answer differently on purpose, each with its reason. The test fails if one of them starts to
     * match (the list must stay true).
     */
    static final ImmutableMap<String, String> DEVIATIONS = ImmutableMap.<String, String>builder()
            // intended: published binaries and renditions are public (a public site's images); the recordings come
            // from an author instance that asks for a login on /dam/ and /.imaging/ (FINDINGS-dam §5)
            .put("dl-anon", "anonymous clients get published binaries (Magnolia's author instance: 401)")
            .put("dl-bad-auth", "wrong credentials are anonymous, who get published binaries")
            .put("img-anon-default", "anonymous clients get renditions of published images")
            .put("img-anon-mte", "anonymous clients get renditions of published images")
            .put("anon-story-acl", "anonymous clients see published content (as GoldenConformanceIT's anon-read)")
            // intended (as GoldenConformanceIT's head-request): HEAD is answered like GET without a body
            .put("dl-head", "HEAD answers 200 like GET (Magnolia: 403)")
            .put("img-head", "HEAD answers 200 like GET (Magnolia: 403)")
            .put("range-head", "HEAD with Range answers 206 like GET (Magnolia: 403)")
            // intended: a download is a GET; Magnolia's servlet serves POST like GET
            .put("dl-post", "POST on /dam/ is 405 with Allow: GET, HEAD")
            // intended: conditional requests are answered without a Range header too (Magnolia ignores them there)
            .put("ims-lastmod", "If-Modified-Since equal to Last-Modified gives 304 (Magnolia: 200)")
            .put("ims-future", "If-Modified-Since after Last-Modified gives 304 (Magnolia: 200)")
            .put("ims-imaging", "renditions answer If-Modified-Since with 304 too (Magnolia: 200)")
            .put("inm-etag", "If-None-Match with our ETag gives 304 (Magnolia: 200 without Range)")
            // intended (RFC 9110 13.1.5): an If-Range that does not match gives the whole file as 200, not as 206
            .put("range-if-range-other-etag", "200 with the whole file (Magnolia: 206 with the whole file)")
            .put("range-if-range-old-date", "200 with the whole file (Magnolia: 206 with the whole file)")
            // intended: ranges of a rendition carry its real length (Magnolia: bytes 0-99/2147483647, a body of
            // unknown length); Range on delivery JSON is ignored (200), as RFC 9110 allows
            .put("range-imaging", "Content-Range with the rendition's real length")
            .put("range-delivery-json", "Range on delivery JSON is ignored: 200 with the whole body (Magnolia: 206)")
            // intended: the stored size, width and height are always the ones found in the bytes (AssetGuard); the
            // recorded asset feil-metadata claims 111 x 222 and 333 bytes for the 640 x 480 PNG of 46,838 bytes,
            // which Magnolia believes (and cuts its download off at 333 bytes)
            .put("read-wrong-metadata", "metadata of feil-metadata: the file's real size, width and height")
            .put("dl-wrong-metadata", "feil-metadata's download is the whole file (Magnolia: the first 333 bytes)")
            .put("follow-dam-13", "feil-metadata's download is the whole file (see dl-wrong-metadata)")
            .put("dam-children", "feil-metadata's jcr:content holds the real size, width and height")
            .put("dam-query", "feil-metadata's jcr:content holds the real size, width and height")
            .put("query-stories", "feil-metadata's real size (see read-wrong-metadata)")
            .put("children-stories", "feil-metadata's real size (see read-wrong-metadata)")
            // known: a resource child written on its own carries no mgnl:created/lastModified stamps of its own (the
            // asset's stamps say when its file changed); shown only with includeSystemProperties
            .put("dam-sys-read-pdf", "jcr:content without mgnl:created*/mgnl:lastModified* stamps")
            // not applicable: Magnolia's configuration workspace (ours is the light module and the settings file)
            // and its imaging workspace (our renditions are cached on disk, media.cacheDir)
            .put("cfg-dam", "no config workspace")
            .put("cfg-jcr-provider", "no config workspace")
            .put("cfg-imaging", "no config workspace")
            .put("cfg-site", "no config workspace (the theme is the setting media.theme)")
            .put("cfg-filters", "no config workspace")
            .put("cfg-range-filter", "no config workspace")
            .put("cfg-cache-browser", "no config workspace (cache headers: delivery.cacheControl)")
            .put("imaging-cache-mte", "no imaging workspace: renditions are cached on disk")
            .put("imaging-cache-default", "no imaging workspace: the full image is the stored file")
            .build();

    @TempDir
    static Path temp;

    /** One seeded server: its identifiers (uuid → path) and our responses by case, for {@code {H:…}} headers. */
    record Replay(TestServer server, Map<String, String> ids, Map<String, RawHttp.Response> responses) {
        String idOf(String path) {
            return ids.entrySet().stream().filter(e -> e.getValue().equals(path)).map(Map.Entry::getKey).findFirst()
                    .orElse("unknown");
        }
    }

    static Replay seeded(String name, Map<String, String> settings) throws Exception {
        TestServer server = TestServer.start(temp.resolve(name), List.of(GOLDEN), settings);
        try {
            server.runtime().users().create("superuser", "Superuser", SUPERUSER_PASSWORD.toCharArray(),
                    ImmutableSet.of(Role.ADMIN, Role.PUBLISHER, Role.EDITOR), "nb");
            Path script = temp.resolve(name + "-seed-dam.sh");
            Files.writeString(script, Files.readString(GOLDEN.resolve("seed-dam.sh"))
                    .replace("AUTH=\"superuser:superuser\"", "AUTH=\"superuser:" + SUPERUSER_PASSWORD + "\"")
                    .replace("HERE=$(cd \"$(dirname \"$0\")\" && pwd)", "HERE=" + GOLDEN));
            ProcessBuilder seedProcess = new ProcessBuilder("bash", script.toString(), "content")
                    .redirectErrorStream(true).directory(temp.toFile());
            seedProcess.environment().put("MAGNOLIA", server.base());
            Process seed = seedProcess.start();
            seed.getOutputStream().close();
            String output = new String(seed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(seed.waitFor(180, TimeUnit.SECONDS)).isTrue();
            List<String> failedPuts = output.lines().filter(l -> l.startsWith("PUT") && !l.contains("-> 200"))
                    .toList();
            assertThat(failedPuts).as(output).isEmpty();
            assertThat(output).as(output).doesNotContain("=unknown");
            // published over HTTP with Magnolia's commands endpoint: the folder tree of assets, then every story
            activate(server, "dam", "/sunne", true);
            for (String story : List.of("/sunne-dag", "/brutt", "/dokument", "/uten-binaer", "/feil-metadata",
                    "/tomt-galleri")) {
                activate(server, "stories", story, true);
            }
            Map<String, String> ids = new HashMap<>();
            for (String workspace : List.of("dam", "stories")) {
                server.runtime().repository().withSession(workspace, s -> {
                    walk(s.getRootNode(), ids);
                    return null;
                });
            }
            return new Replay(server, ids, new HashMap<>());
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private static void activate(TestServer server, String workspace, String path, boolean recursive)
            throws Exception {
        var response = server.send("POST", "/.rest/commands/v2/activate", MAPPER.writeValueAsString(
                Map.of("repository", workspace, "path", path, "recursive", recursive)),
                "Content-Type", "application/json", "Authorization", superuser());
        assertThat(response.statusCode()).as("activate %s:%s -> %s", workspace, path, response.body())
                .isEqualTo(200);
    }

    private static void walk(Node node, Map<String, String> ids) throws javax.jcr.RepositoryException {
        for (NodeIterator it = node.getNodes(); it.hasNext(); ) {
            Node child = it.nextNode();
            ids.put(child.getIdentifier(), child.getPath());
            walk(child, ids);
        }
    }

    static String superuser() {
        return TestServer.basic("superuser", SUPERUSER_PASSWORD);
    }

    record Case(String id, String method, String auth, Map<String, String> headers, String target) {
    }

    static List<Case> cases(String file) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(GOLDEN.resolve(file), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" \\| ", 6);
            Map<String, String> headers = new LinkedHashMap<>();
            if (!f[3].trim().equals("-")) {
                for (String h : f[3].split(";;")) {
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
                }
            }
            cases.add(new Case(f[0].trim(), f[1].trim(), f[2].trim(), headers, f[4].trim()));
        }
        return cases;
    }

    /** The follow-up cases: a GET as superuser of every link the recorded JSON held. */
    static List<Case> followUps(String file) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(GOLDEN.resolve("responses/" + file), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" \\| ", 3);
            cases.add(new Case(f[0].trim(), "GET", "su", Map.of(), f[1].trim()));
        }
        return cases;
    }

    /**
     * A recorded response. Binary bodies were not stored; the recording says what they were: identical to a
     * source file, a slice of one, or (re-encoded) an image of a format and pixel size.
     */
    record Recorded(int status, Map<String, String> headers, JsonNode body, String rawBody, String identicalTo,
            long[] slice, String sliceOf, String format, int[] pixels) {
        boolean binary() {
            return identicalTo != null || slice != null || format != null;
        }
    }

    private static final Pattern SLICE = Pattern.compile(
            "slice of a source file: bytes (\\d+)-(\\d+) of (images/\\S+)");
    private static final Pattern FORMAT = Pattern.compile("format: (\\w+)(?:, (\\d+)x(\\d+) px)?");

    static Recorded recorded(String id) throws IOException {
        String text = Files.readString(GOLDEN.resolve("responses/" + id + ".txt"));
        int status = 0;
        Map<String, String> headers = new LinkedHashMap<>();
        boolean inHeaders = false;
        boolean afterHeaders = false;
        String identical = null;
        long[] slice = null;
        String sliceOf = null;
        String format = null;
        int[] pixels = null;
        for (String line : text.lines().toList()) {
            if (line.startsWith("HTTP/1.1 ")) {
                status = Integer.parseInt(line.substring(9, 12));
                inHeaders = true;
            } else if (inHeaders && line.isBlank()) {
                inHeaders = false;
                afterHeaders = true;
            } else if (inHeaders && line.indexOf(':') > 0) {
                headers.put(line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT),
                        line.substring(line.indexOf(':') + 1).trim());
            } else if (afterHeaders) {
                Matcher s = SLICE.matcher(line);
                Matcher f = FORMAT.matcher(line);
                if (line.startsWith("identical to source file: ")) {
                    identical = line.substring("identical to source file: ".length()).trim();
                } else if (s.lookingAt()) {
                    slice = new long[] {Long.parseLong(s.group(1)), Long.parseLong(s.group(2))};
                    sliceOf = s.group(3);
                } else if (f.matches()) {
                    format = f.group(1);
                    pixels = f.group(2) == null ? null
                            : new int[] {Integer.parseInt(f.group(2)), Integer.parseInt(f.group(3))};
                }
            }
        }
        Path raw = GOLDEN.resolve("responses/raw/" + id + ".body");
        String rawBody = Files.exists(raw) ? Files.readString(raw) : "";
        return new Recorded(status, headers, GoldenConformanceIT.parse(rawBody), rawBody, identical, slice, sliceOf,
                format, pixels);
    }

    /** A case's request as sent to us: our identifiers, our context, our headers of earlier answers. */
    static String target(Case c, Replay replay, Map<String, String> goldenIds) {
        String t = c.target().startsWith(CONTEXT + "/") ? c.target().substring(CONTEXT.length()) : c.target();
        for (Map.Entry<String, String> p : PLACEHOLDERS.entrySet()) {
            t = t.replace(p.getKey(), replay.idOf(p.getValue()));
        }
        Matcher m = UUID.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String path = goldenIds.get(m.group());
            m.appendReplacement(out, path == null ? m.group() : replay.idOf(path));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Map<String, String> headers(Case c, Replay replay) {
        Map<String, String> headers = new LinkedHashMap<>();
        Pattern earlier = Pattern.compile("\\{H:([\\w-]+):([\\w-]+)}");
        c.headers().forEach((name, value) -> {
            Matcher m = earlier.matcher(value);
            if (m.matches()) {
                RawHttp.Response before = replay.responses().get(m.group(1));
                value = before == null ? "" : Objects.requireNonNullElse(before.header(m.group(2)), "");
            }
            headers.put(name, value);
        });
        if (c.auth().equals("su")) {
            headers.put("Authorization", superuser());
        } else if (c.auth().equals("bad")) {
            headers.put("Authorization", TestServer.basic("superuser", "wrong"));
        }
        return headers;
    }

    /** Golden identifiers (uuid → path) of every object in the recordings with an id and a path. */
    static Map<String, String> goldenIdentifiers() throws IOException {
        Map<String, String> ids = new HashMap<>();
        try (var files = Files.list(GOLDEN.resolve("responses/raw"))) {
            for (Path file : files.toList()) {
                JsonNode body = GoldenConformanceIT.parse(Files.readString(file));
                if (body != null) {
                    collectIds(body, ids);
                }
            }
        }
        return ids;
    }

    private static void collectIds(JsonNode node, Map<String, String> ids) {
        if (node.isObject()) {
            JsonNode id = node.has("@id") ? node.get("@id") : node.get("identifier");
            JsonNode path = node.has("@path") ? node.get("@path") : node.get("path");
            if (id != null && path != null && id.isTextual() && path.isTextual()) {
                ids.put(id.asText().replaceFirst("^jcr:", ""), path.asText());
            }
        }
        node.forEach(child -> collectIds(child, ids));
    }

    /**
     * Identifiers (anywhere in a string: keys, links) replaced by the paths they stand for, timestamps by a marker,
     * Magnolia's context path removed from the start of links, and a Binary value by its size (as
     * {@link GoldenConformanceIT#binaryAsSize}: we never print a binary's bytes as text).
     */
    static JsonNode normalise(JsonNode node, Map<String, String> ids) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String v = node.asText();
            if (v.startsWith(CONTEXT + "/")) {
                v = v.substring(CONTEXT.length());
            }
            Matcher m = UUID.matcher(v);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String path = ids.get(m.group());
                m.appendReplacement(out, Matcher.quoteReplacement(path == null ? m.group() : "id:" + path));
            }
            m.appendTail(out);
            return new TextNode(out.toString());
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(n -> out.add(normalise(n, ids)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = e.getValue();
                if (e.getKey().equals("jcr:data") && value.isTextual()) {
                    out.set("jcr:data", GoldenConformanceIT.binaryMarker(
                            value.asText().getBytes(StandardCharsets.UTF_8).length));
                } else {
                    out.set(e.getKey(), TIMESTAMPS.contains(e.getKey()) && value.isTextual() ? new TextNode("<time>")
                            : normalise(value, ids));
                }
            }
            return out;
        }
        return node;
    }

    /**
     * Our intended extras of resolved assets removed (see {@link #OUR_METADATA_EXTRAS}), each counted: an asset
     * object is one with an {@code @id} {@code jcr:…} and a {@code metadata} or {@code renditions} member.
     */
    static JsonNode withoutOurExtras(JsonNode node, int[] extrasSeen) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(n -> out.add(withoutOurExtras(n, extrasSeen)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = node.deepCopy();
        boolean asset = out.path("@id").asText().startsWith("jcr:") && (out.has("metadata") || out.has("renditions"));
        if (asset && out.get("metadata") instanceof ObjectNode metadata) {
            assertThat(metadata.has("focalPoint")).as("focal point of %s", out.get("@path")).isTrue();
            for (String extra : OUR_METADATA_EXTRAS) {
                if (metadata.remove(extra) != null) {
                    extrasSeen[0]++;
                }
            }
        }
        if (asset && out.get("renditions") instanceof ObjectNode renditions) {
            renditions.fields().forEachRemaining(r -> {
                ObjectNode rendition = (ObjectNode) r.getValue();
                assertThat(rendition.has("width") && rendition.has("height")).as("size of rendition %s", r.getKey())
                        .isTrue();
                rendition.remove("width");
                rendition.remove("height");
                String link = rendition.path("link").asText();
                assertThat(link).as("version of rendition link").contains("?v=");
                rendition.put("link", link.substring(0, link.indexOf("?v=")));
                extrasSeen[0]++;
            });
        }
        if (!asset) {
            out.fields().forEachRemaining(e -> e.setValue(withoutOurExtras(e.getValue(), extrasSeen)));
        }
        return out;
    }

    @Test
    void everyRecordedCaseMatchesExceptTheListedDeviations() throws Exception {
        Map<String, String> goldenIds = goldenIdentifiers();
        Map<String, String> mismatches = new TreeMap<>();
        List<String> staleDeviations = new ArrayList<>();
        List<String> serverErrors = new ArrayList<>();
        int[] extrasSeen = {0};
        int compared = 0;
        // phase 1: no theme (the setting names a theme no module has): every rendition is the generic link
        List<List<Case>> phases = List.of(
                concat(cases("cases-dam-notheme.txt"), followUps("links-dam-notheme.txt")),
                concat(cases("cases-dam.txt"), followUps("links-dam.txt")));
        List<Map<String, String>> settings = List.of(Map.of(), Map.of("media.theme", "goldendam-theme"));
        for (int phase = 0; phase < phases.size(); phase++) {
            Replay replay = seeded("phase" + phase, settings.get(phase));
            try {
                for (Case c : phases.get(phase)) {
                    RawHttp.Response ours = RawHttp.send(replay.server().port(), c.method(),
                            target(c, replay, goldenIds), headers(c, replay), c.method().equals("POST")
                                    ? new byte[0] : null);
                    replay.responses().put(c.id(), ours);
                    String difference = compare(recorded(c.id()), ours, goldenIds, replay.ids(), extrasSeen);
                    compared++;
                    if (difference == null) {
                        if (DEVIATIONS.containsKey(c.id())) {
                            staleDeviations.add(c.id());
                        }
                    } else if (!DEVIATIONS.containsKey(c.id())) {
                        mismatches.put(c.id(), difference);
                    }
                    if (ours.status() >= 500) {
                        serverErrors.add(c.id());
                    }
                }
            } finally {
                replay.server().close();
            }
        }
        StringBuilder report = new StringBuilder();
        mismatches.forEach((id, d) -> report.append("\n--- ").append(id).append(": ").append(d));
        assertThat(serverErrors).as("cases answered with 5xx; all mismatches:%s", report).isEmpty();
        assertThat(compared).as("cases replayed").isEqualTo(142);
        org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(mismatches).as("cases differing from Magnolia:%s", report).isEmpty();
            soft.assertThat(staleDeviations).as("listed deviations that now match (remove them)").isEmpty();
            soft.assertThat(extrasSeen[0]).as("our documented extras were seen in resolved assets")
                    .isGreaterThan(50);
        });
    }

    private static List<Case> concat(List<Case> a, List<Case> b) {
        List<Case> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The headers compared for JSON, as in {@link GoldenConformanceIT#COMPARED_HEADERS}. Not compared anywhere:
     * {@code Cache-Control}, {@code Pragma}, {@code Expires} (the recordings come from an author instance in develop
     * mode that forbids caching everything, FINDINGS-dam §9; ours cache on purpose), {@code Set-Cookie},
     * {@code Transfer-Encoding}, {@code WWW-Authenticate} (see GoldenConformanceIT), {@code ETag} (Magnolia sends
     * one only with a Range header, hashing the URL; ours is the asset's version on every binary, so a cache can
     * revalidate), {@code Date}, and {@code Access-Control-Allow-Origin} (hdr-origin-*: Magnolia sends {@code *}
     * on binaries when an {@code Origin} is sent; ours send CORS headers under {@code /.rest/} only, README
     * "Security": an {@code <img>} needs none).
     */
    static final ImmutableSet<String> JSON_HEADERS = ImmutableSet.of("content-type", "content-language", "vary");

    private static String compare(Recorded golden, RawHttp.Response ours, Map<String, String> goldenIds,
            Map<String, String> ourIds, int[] extrasSeen) throws IOException {
        if (golden.status() != ours.status()) {
            return "status " + ours.status() + " instead of " + golden.status() + "; body "
                    + abbreviate(ours.text(), 600);
        }
        if (golden.binary()) {
            return compareBinary(golden, ours);
        }
        if (golden.body() == null) {
            return null; // Magnolia's HTML pages (404, 401, 416, login): the status is what counts
        }
        List<String> headerDifferences = new ArrayList<>();
        for (String name : JSON_HEADERS) {
            String want = headerValue(golden.headers().get(name));
            String got = headerValue(ours.header(name));
            if (!Objects.equals(want, got)) {
                headerDifferences.add(name + ": " + got + " instead of " + want);
            }
        }
        if (!headerDifferences.isEmpty()) {
            return "headers " + String.join("; ", headerDifferences);
        }
        JsonNode expected = normalise(golden.body(), goldenIds);
        JsonNode actual = withoutOurExtras(normalise(GoldenConformanceIT.parse(ours.text()), ourIds), extrasSeen);
        if (!expected.equals(actual)) {
            List<String> differences = new ArrayList<>();
            diff("", expected, actual, differences);
            return "body: " + String.join("; ", differences.subList(0, Math.min(6, differences.size())));
        }
        return null;
    }

    /**
     * A binary answer: the bytes and the framing headers. The media type is compared without parameters: Magnolia
     * adds {@code ;charset=UTF-8} to every binary, which means nothing for an image or a PDF (intended).
     */
    private static String compareBinary(Recorded golden, RawHttp.Response ours) throws IOException {
        List<String> differences = new ArrayList<>();
        String wantType = mediaType(golden.headers().get("content-type"));
        String gotType = mediaType(ours.header("content-type"));
        if (!Objects.equals(wantType, gotType)) {
            differences.add("content-type " + gotType + " instead of " + wantType);
        }
        for (String name : List.of("content-length", "content-range", "accept-ranges")) {
            String want = golden.headers().get(name);
            if (want != null && !want.equals(ours.header(name))) {
                differences.add(name + " " + ours.header(name) + " instead of " + want);
            }
        }
        if (golden.headers().containsKey("last-modified") && ours.header("last-modified") == null) {
            differences.add("no last-modified");
        }
        String disposition = golden.headers().get("content-disposition");
        if (disposition != null && !wantType.startsWith("image/")
                && !Objects.requireNonNullElse(ours.header("content-disposition"), "").startsWith("attachment;")) {
            differences.add("content-disposition " + ours.header("content-disposition") + " instead of "
                    + disposition);
        }
        byte[] body = ours.body();
        if (golden.identicalTo() != null) {
            byte[] source = Files.readAllBytes(GOLDEN.resolve(golden.identicalTo()));
            if (!Arrays.equals(source, body)) {
                differences.add("body is not " + golden.identicalTo() + " (" + body.length + " bytes, sha256 "
                        + Hashing.sha256().hashBytes(body) + ")");
            }
        } else if (golden.slice() != null) {
            byte[] source = Files.readAllBytes(GOLDEN.resolve(golden.sliceOf()));
            byte[] slice = Arrays.copyOfRange(source, (int) golden.slice()[0], (int) golden.slice()[1] + 1);
            if (!Arrays.equals(slice, body)) {
                differences.add("body is not bytes " + golden.slice()[0] + "-" + golden.slice()[1] + " of "
                        + golden.sliceOf() + " (" + body.length + " bytes)");
            }
        } else if (golden.pixels() != null) {
            String got = imageFormatAndSize(body);
            String want = golden.format() + " " + golden.pixels()[0] + "x" + golden.pixels()[1];
            if (!want.equals(got)) {
                differences.add("image " + got + " instead of " + want);
            }
        } else if (golden.format().equals("pdf") && !new String(body, 0, Math.min(5, body.length),
                StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            differences.add("body is no PDF");
        }
        return differences.isEmpty() ? null : String.join("; ", differences);
    }

    private static String imageFormatAndSize(byte[] body) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(body))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return "no image";
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                BufferedImage image = reader.read(0);
                return reader.getFormatName().toLowerCase(Locale.ROOT).replace("jpg", "jpeg") + " "
                        + image.getWidth() + "x" + image.getHeight();
            } catch (IOException undecodable) {
                return "an undecodable " + reader.getFormatName() + " of " + body.length + " bytes";
            } finally {
                reader.dispose();
            }
        }
    }

    private static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static String headerValue(String value) {
        return value == null ? null : value.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** Where two JSON trees differ, as key paths with both values. */
    private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected == null || actual == null || expected.getNodeType() != actual.getNodeType()) {
            out.add(path + " expected " + abbreviate(String.valueOf(expected), 300) + " but was "
                    + abbreviate(String.valueOf(actual), 300));
            return;
        }
        if (expected.isObject()) {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            expected.fieldNames().forEachRemaining(keys::add);
            actual.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (!expected.has(k) || !actual.has(k)) {
                    out.add(path + "/" + k + (expected.has(k) ? " missing (expected " + abbreviate(String.valueOf(
                            expected.get(k)), 200) + ")" : " extra: " + abbreviate(String.valueOf(actual.get(k)), 200)));
                } else if (!expected.get(k).equals(actual.get(k))) {
                    diff(path + "/" + k, expected.get(k), actual.get(k), out);
                }
            }
        } else if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(path + " has " + actual.size() + " elements, expected " + expected.size() + ": "
                        + abbreviate(actual.toString(), 300) + " vs " + abbreviate(expected.toString(), 300));
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    diff(path + "[" + i + "]", expected.get(i), actual.get(i), out);
                }
            }
        } else {
            out.add(path + " expected " + abbreviate(expected.toString(), 300) + " but was "
                    + abbreviate(actual.toString(), 300));
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }
}
