package no.sunnekommuner.cms.content.validation.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.sunnekommuner.cms.content.i18n.LocalisedNames;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.content.validation.DomainRule;
import no.sunnekommuner.cms.content.validation.ValidationContext;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.RuleBinding;

/**
 * An item's address in other languages than the default one (whose address is the node name, Magnolia's
 * {@code @name}): the bound {@code property} in each of {@code languages} (stored as {@code slug_en}). When it is
 * empty on a save it is derived from {@code sourceProperty} in that language (the English title), and kept from
 * then on, so a later change of the title does not move the page. A slug is lower-case ASCII letters and digits
 * joined by single hyphens, and no other item in the same folder has it in that language.
 */
public final class SlugRule implements DomainRule {

    static final int MAX_LENGTH = 80;
    private static final String FORMAT = "[a-z0-9]+(-[a-z0-9]+)*";

    @Override
    public String name() {
        return "languageSlug";
    }

    @Override
    public ContentNode derive(ContentTypeDefinition type, RuleBinding binding, ContentNode item) {
        return derive(type, binding, item, null, null);
    }

    /**
     * Makes an empty slug from the source text. A slug made now, or one a new item brings along (a duplicate
     * carries its original's), that another item of the folder already has gets the first free {@code -2},
     * {@code -3} …; a slug an editor typed on an existing item is left as typed (and refused if taken).
     */
    @Override
    public ContentNode derive(ContentTypeDefinition type, RuleBinding binding, ContentNode item, String path,
            ValidationContext context) {
        ContentNode.Builder b = null;
        for (String language : languages(binding)) {
            String slugName = LocalisedNames.suffixed(binding.required("property"), language);
            String value = item.text(slugName);
            boolean made = Values.isEmpty(value);
            if (made) {
                value = slugOf(item.text(LocalisedNames.suffixed(binding.required("sourceProperty"), language)));
            }
            if (value.isEmpty() || !(made || path == null)) {
                continue;
            }
            String free = context == null ? value : free(type, slugName, value, path, context);
            if (made || !free.equals(value)) {
                b = b == null ? item.toBuilder() : b;
                b.property(slugName, free);
            }
        }
        return b == null ? item : b.build();
    }

    /** The slug itself when no other item of the folder has it, else with the first free number appended. */
    private static String free(ContentTypeDefinition type, String slugName, String value, String path,
            ValidationContext context) {
        Optional<String> folder = path != null ? Optional.of(parentOf(path)) : context.newItemFolder();
        if (folder.isEmpty() || !value.matches(FORMAT)) {
            return value;
        }
        String candidate = value;
        for (int n = 2; n < 100 && taken(type, slugName, candidate, path, folder.get(), context); n++) {
            String suffix = "-" + n;
            candidate = value.substring(0, Math.min(value.length(), MAX_LENGTH - suffix.length())) + suffix;
        }
        return candidate;
    }

    private static boolean taken(ContentTypeDefinition type, String slugName, String value, String path,
            String folder, ValidationContext context) {
        return context.pathsWithValue(type.workspace(), type.effectiveNodeType(), slugName, value).stream()
                .anyMatch(other -> !other.equals(path) && parentOf(other).equals(folder));
    }

    @Override
    public void validate(ContentTypeDefinition type, RuleBinding binding, ContentNode item, String path,
            ValidationContext context, List<Violation> violations) {
        for (String language : languages(binding)) {
            String slugName = LocalisedNames.suffixed(binding.required("property"), language);
            String value = item.text(slugName);
            if (Values.isEmpty(value)) {
                continue;
            }
            if (value.length() > MAX_LENGTH || !value.matches(FORMAT)) {
                violations.add(Violation.of(slugName, "slug.format", String.valueOf(MAX_LENGTH)));
                continue;
            }
            Optional<String> folder = path != null ? Optional.of(parentOf(path)) : context.newItemFolder();
            if (folder.isEmpty()) {
                continue; // an item nested in an imported tree: its folder is not known here
            }
            context.pathsWithValue(type.workspace(), type.effectiveNodeType(), slugName, value).stream()
                    .filter(other -> !other.equals(path) && parentOf(other).equals(folder.get())).findFirst()
                    .ifPresent(other -> violations.add(Violation.of(slugName, "slug.unique", value, other)));
        }
    }

    /**
     * The slug of a text: Norwegian letters spelt out (æ ae, ø o, å a), other accents dropped, everything but
     * letters and digits a hyphen, at most {@value #MAX_LENGTH} characters cut at a hyphen; empty for no text.
     */
    public static String slugOf(String text) {
        if (text == null) {
            return "";
        }
        String s = text.toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "o").replace("å", "a")
                .replace("ß", "ss");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH);
            int cut = s.lastIndexOf('-');
            s = cut > 0 ? s.substring(0, cut) : s;
        }
        return s;
    }

    private static List<String> languages(RuleBinding binding) {
        return Arrays.stream(binding.required("languages").split(",")).map(String::trim)
                .filter(l -> !l.isEmpty()).toList();
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
