package no.sunnekommuner.cms.content.history;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import no.sunnekommuner.cms.content.i18n.SiteLocales;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.PropertyType;
import org.jsoup.Jsoup;

/**
 * Compares two versions of an item field by field, in every language: the declared properties in model order
 * (then anything else stored), sub-model values as {@code coordinator.email}. Rich text is compared as the text a
 * reader sees (tags are not words); every value is split into words and spaces and compared with
 * java-diff-utils (Myers), so a changed word shows as one removal and one addition in the rest of the text.
 */
public final class VersionComparison {

    /** Words and the spaces between them, so that joining the pieces gives the text back. */
    private static final Pattern PIECES = Pattern.compile("(?<=\\s)(?=\\S)|(?<=\\S)(?=\\s)");

    private final ContentTypeDefinition type;
    private final SiteLocales locales;

    public VersionComparison(ContentTypeDefinition type, SiteLocales locales) {
        this.type = type;
        this.locales = locales;
    }

    /** A piece of a compared text: unchanged, only in the newer version, or only in the older one. */
    public record Segment(Kind kind, String text) {
        public enum Kind { SAME, ADDED, REMOVED }
    }

    /**
     * One field in one language that differs.
     *
     * @param property the property (sub-model values as {@code submodel.property})
     * @param language the language of the stored value ({@code nb} for the default one and untranslated values)
     * @param segments the newer text with removals and additions marked
     */
    public record FieldChange(String property, String language, ImmutableList<Segment> segments) {
    }

    /** What changed from {@code older} to {@code newer}; empty when they hold the same values. */
    public ImmutableList<FieldChange> compare(ContentNode older, ContentNode newer) {
        ImmutableList.Builder<FieldChange> out = ImmutableList.builder();
        compareProperties("", type.properties(), older, newer, out);
        return out.build();
    }

    private void compareProperties(String prefix, List<PropertyDefinition> properties, ContentNode older,
            ContentNode newer, ImmutableList.Builder<FieldChange> out) {
        Set<String> seen = new LinkedHashSet<>();
        for (PropertyDefinition p : properties) {
            List<String> languages = p.i18n() ? locales.languages() : List.of(locales.defaultLanguage());
            for (String language : languages) {
                String stored = language.equals(locales.defaultLanguage()) ? p.name()
                        : locales.storedName(p.name(), language);
                seen.add(stored);
                if (p.type().kind() == PropertyType.Kind.SUB_MODEL) {
                    ContentNode a = older == null ? null : older.children().get(stored);
                    ContentNode b = newer == null ? null : newer.children().get(stored);
                    List<PropertyDefinition> inner = type.subModel(p.type().target())
                            .map(s -> (List<PropertyDefinition>) s.properties()).orElse(List.of());
                    if (a != null || b != null) {
                        compareProperties(prefix + p.name() + ".", inner, a, b, out);
                    }
                    continue;
                }
                boolean rich = p.type().kind() == PropertyType.Kind.RICH_TEXT;
                add(out, prefix + p.name(), language, text(older, stored, rich), text(newer, stored, rich));
            }
        }
        // values the model does not declare (types that allow extras) are compared as text too
        Set<String> others = new LinkedHashSet<>();
        if (older != null) {
            others.addAll(older.properties().keySet());
        }
        if (newer != null) {
            others.addAll(newer.properties().keySet());
        }
        others.removeAll(seen);
        for (String name : others) {
            add(out, prefix + name, locales.defaultLanguage(), text(older, name, false), text(newer, name, false));
        }
    }

    private static void add(ImmutableList.Builder<FieldChange> out, String property, String language, String a,
            String b) {
        if (!a.equals(b)) {
            out.add(new FieldChange(property, language, diff(a, b)));
        }
    }

    private static String text(ContentNode node, String property, boolean richText) {
        Object value = node == null ? null : node.property(property);
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(richText ? readable(String.valueOf(v)) : Values.asText(v)));
            return String.join(", ", parts);
        }
        return richText ? readable(value.toString()) : Values.asText(value);
    }

    /** Rich text as a reader sees it: the text of the HTML, block elements separated. */
    static String readable(String html) {
        return Jsoup.parse(html).text();
    }

    /** The newer text with what was removed and added marked, word by word. */
    public static ImmutableList<Segment> diff(String older, String newer) {
        List<String> a = pieces(older);
        List<String> b = pieces(newer);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<Segment> out = new ArrayList<>();
        int next = 0; // next piece of the older text not yet written
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int at = delta.getSource().getPosition();
            append(out, Segment.Kind.SAME, a.subList(next, at));
            append(out, Segment.Kind.REMOVED, delta.getSource().getLines());
            append(out, Segment.Kind.ADDED, delta.getTarget().getLines());
            next = at + delta.getSource().size();
        }
        append(out, Segment.Kind.SAME, a.subList(next, a.size()));
        return ImmutableList.copyOf(out);
    }

    private static List<String> pieces(String text) {
        return text.isEmpty() ? List.of() : List.of(PIECES.split(text));
    }

    /** Joins pieces into one segment, merged with the previous segment of the same kind. */
    private static void append(List<Segment> out, Segment.Kind kind, List<String> pieces) {
        if (pieces.isEmpty()) {
            return;
        }
        String text = String.join("", pieces);
        if (!out.isEmpty() && out.get(out.size() - 1).kind() == kind) {
            Segment last = out.remove(out.size() - 1);
            text = last.text() + text;
        }
        out.add(new Segment(kind, text));
    }
}
