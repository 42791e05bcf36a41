package no.sunnekommuner.cms.content.media;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.PublicationStatus;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.PropertyType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts values of asset properties ({@code type: asset}) written before the property was one (news {@code image}
 * held an image URL) into asset keys, at start-up, through the content service as the system actor (so each
 * change is versioned and in the audit log). Idempotent: a key is never touched, so a second run writes nothing.
 *
 * <p>Without network access, a value is converted only when it names an asset of this library: a bare identifier,
 * a {@code /dam/jcr:<uuid>/…} link, a {@code /dam/<path>[.<ext>]} or {@code /dam/jcr/<path>} link, a
 * {@code /.imaging/…/dam/<path>/jcr:content…} rendition link, or such a link on one of this CMS's own origins.
 * Anything else (an image on another site) is left as it is and reported (a warning per value): nothing is lost,
 * delivery keeps an unresolvable value as its string (as Magnolia does), and the editor shows it until someone picks
 * an asset. A published item whose draft was not changed since is published again with the converted value; when
 * the draft was changed since, only the draft is converted (publishing it would publish unreviewed work), and the
 * public keeps the old value until the next publish, which is reported too.
 */
public final class AssetReferenceMigration {

    private static final Logger LOG = LoggerFactory.getLogger(AssetReferenceMigration.class);
    static final String ACTOR = "asset-migration";

    private final ContentService content;
    private final ImmutableSet<String> ownOrigins;

    /** @param ownOrigins this CMS's origins ({@code https://cms.example.no}): absolute links there are ours */
    public AssetReferenceMigration(ContentService content, java.util.Collection<String> ownOrigins) {
        this.content = content;
        ImmutableSet.Builder<String> origins = ImmutableSet.builder();
        for (String origin : ownOrigins) {
            originOf(origin).ifPresent(origins::add);
        }
        this.ownOrigins = origins.build();
    }

    /**
     * What a run did.
     *
     * @param converted items whose draft was converted ({@code workspace:path})
     * @param republished items published again with the converted value
     * @param leftAsIs values that name no asset of the library, and published states left for the next publish
     */
    public record Report(ImmutableList<String> converted, ImmutableList<String> republished,
            ImmutableList<String> leftAsIs) {
    }

    public Report run() {
        Actor system = Actor.system(ACTOR);
        List<String> converted = new ArrayList<>();
        List<String> republished = new ArrayList<>();
        List<String> leftAsIs = new ArrayList<>();
        for (ContentTypeDefinition type : content.definitions().contentTypes().values()) {
            List<String> names = assetNames(type);
            Set<String> paths = new LinkedHashSet<>();
            names.forEach(n -> paths.addAll(content.pathsWithoutAssetKey(type, n)));
            for (String entry : paths) {
                String path = entry.substring(entry.indexOf(':') + 1);
                migrate(type, path, names, system, converted, republished, leftAsIs);
            }
        }
        Report report = new Report(ImmutableList.copyOf(converted), ImmutableList.copyOf(republished),
                ImmutableList.copyOf(leftAsIs));
        if (!converted.isEmpty() || !leftAsIs.isEmpty()) {
            LOG.info("Asset references: {} items converted to asset keys ({} published again), {} values left as "
                    + "they are (see the warnings)", converted.size(), republished.size(), leftAsIs.size());
        }
        return report;
    }

    private void migrate(ContentTypeDefinition type, String path, List<String> names, Actor system,
            List<String> converted, List<String> republished, List<String> leftAsIs) {
        String workspace = type.workspace();
        String where = workspace + ":" + path;
        Optional<ContentItem> draft = content.get(workspace, path);
        Optional<ContentItem> published = content.getPublished(workspace, path);
        Map<String, Object> draftChanges = draft.map(d -> changes(d.node(), names, where, leftAsIs))
                .orElse(Map.of());
        boolean publishedNeedsIt = published.isPresent()
                && !changes(published.get().node(), names, where, new ArrayList<>()).isEmpty();
        boolean unchangedSincePublish = draft.isPresent() && draft.get().status() == PublicationStatus.PUBLISHED;
        try {
            if (!draftChanges.isEmpty()) {
                content.patch(workspace, path, draftChanges, -1, system);
                converted.add(where);
                LOG.info("Asset references: {} {} converted", where, draftChanges);
            }
            if (publishedNeedsIt && unchangedSincePublish && !draftChanges.isEmpty()) {
                content.publish(workspace, path, system);
                republished.add(where);
            } else if (publishedNeedsIt) {
                leftAsIs.add(where + " (published state)");
                LOG.warn("Asset references: the published state of {} keeps its old value until the next publish "
                        + "(its draft was changed since it was published)", where);
            }
        } catch (ContentException e) {
            // one item that cannot be saved (a rule it broke before) must not stop the start
            leftAsIs.add(where);
            LOG.warn("Asset references: {} could not be converted and is left as it is: {}", where, e.getMessage());
        }
    }

    /** The converted values of a node's asset properties that hold no key; unconvertible ones are reported. */
    private Map<String, Object> changes(ContentNode node, List<String> names, String where, List<String> leftAsIs) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String name : names) {
            Object value = node.property(name);
            if (value == null) {
                continue;
            }
            if (value instanceof List<?> values) {
                List<String> out = new ArrayList<>();
                boolean changed = false;
                for (Object v : values) {
                    String text = Values.asText(v);
                    String key = keyOf(text, where, name, leftAsIs);
                    changed |= !key.equals(text);
                    out.add(key);
                }
                if (changed) {
                    changes.put(name, ImmutableList.copyOf(out));
                }
                continue;
            }
            String text = Values.asText(value);
            String key = keyOf(text, where, name, leftAsIs);
            if (!key.equals(text)) {
                changes.put(name, key);
            }
        }
        return changes;
    }

    private String keyOf(String value, String where, String name, List<String> leftAsIs) {
        if (value == null || value.isBlank() || AssetNodes.identifierOf(value) != null) {
            return value;
        }
        Optional<String> id = resolve(value.trim());
        if (id.isPresent()) {
            return AssetNodes.KEY_PREFIX + id.get();
        }
        leftAsIs.add(where + " " + name + "=" + value);
        LOG.warn("Asset references: {} {} = '{}' names no asset of the media library; left as it is (pick an "
                + "asset in the editor; delivery keeps the value as text)", where, name, value);
        return value;
    }

    /** The identifier of the library's asset a value names, if it names one. */
    Optional<String> resolve(String value) {
        if (value.matches("[0-9a-fA-F-]{36}")) {
            return assetById(value);
        }
        String path = value;
        if (value.regionMatches(true, 0, "http://", 0, 7) || value.regionMatches(true, 0, "https://", 0, 8)) {
            Optional<String> origin = originOf(value);
            if (origin.isEmpty() || !ownOrigins.contains(origin.get())) {
                return Optional.empty(); // another site's picture: not ours to fetch
            }
            try {
                path = URI.create(value).getRawPath();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        int query = indexOfAny(path, '?', '#');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (path.startsWith("/dam/jcr:")) {
            String rest = path.substring("/dam/jcr:".length());
            int slash = rest.indexOf('/');
            return assetById(slash < 0 ? rest : rest.substring(0, slash));
        }
        String assetPath;
        if (path.startsWith("/dam/jcr/")) {
            assetPath = path.substring("/dam/jcr".length());
        } else if (path.startsWith("/dam/")) {
            assetPath = path.substring("/dam".length());
        } else if (path.startsWith("/.imaging/") && path.contains("/dam/")) {
            assetPath = path.substring(path.indexOf("/dam/") + "/dam".length());
        } else {
            return Optional.empty();
        }
        int resource = assetPath.indexOf("/" + AssetNodes.CONTENT);
        if (resource >= 0) {
            assetPath = assetPath.substring(0, resource);
        }
        return assetAtPath(assetPath);
    }

    /** {@code /folder/asset}, {@code /folder/asset.jpg} or {@code /folder/asset/file.jpg} (Magnolia's link forms). */
    private Optional<String> assetAtPath(String assetPath) {
        List<String> candidates = new ArrayList<>();
        candidates.add(assetPath);
        int slash = assetPath.lastIndexOf('/');
        int dot = assetPath.lastIndexOf('.');
        if (dot > slash) {
            candidates.add(assetPath.substring(0, dot));
        }
        if (slash > 0) {
            candidates.add(assetPath.substring(0, slash));
        }
        for (String candidate : candidates) {
            if (candidate.contains("..") || candidate.contains("//")) {
                continue;
            }
            Optional<ContentItem> asset = content.get(AssetNodes.WORKSPACE, candidate)
                    .filter(i -> i.node().nodeType().equals(AssetNodes.ASSET));
            if (asset.isPresent()) {
                return Optional.of(asset.get().id());
            }
        }
        return Optional.empty();
    }

    private Optional<String> assetById(String id) {
        if (!id.matches("[0-9a-fA-F-]{36}")) {
            return Optional.empty();
        }
        return content.getById(AssetNodes.WORKSPACE, id)
                .filter(i -> i.node().nodeType().equals(AssetNodes.ASSET)).map(ContentItem::id);
    }

    private List<String> assetNames(ContentTypeDefinition type) {
        List<String> names = new ArrayList<>();
        for (PropertyDefinition p : type.properties()) {
            if (p.type().kind() == PropertyType.Kind.ASSET) {
                names.addAll(content.storedNames(p));
            }
        }
        return names;
    }

    private static Optional<String> originOf(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80)
                    || (scheme.equals("https") && port == 443);
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT)
                    + (defaultPort ? "" : ":" + port));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
