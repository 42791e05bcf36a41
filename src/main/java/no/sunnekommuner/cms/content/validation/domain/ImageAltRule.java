package no.sunnekommuner.cms.content.validation.domain;

import java.util.List;
import java.util.Optional;
import no.sunnekommuner.cms.content.i18n.SiteLocales;
import no.sunnekommuner.cms.content.media.AssetNodes;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.content.validation.DomainRule;
import no.sunnekommuner.cms.content.validation.ValidationContext;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.RuleBinding;

/**
 * An image needs an alternative text (WCAG 1.1.1). An image given as text (an address, as before the media
 * library) needs the {@code altProperty} when saved. An asset of the media library ({@code jcr:<uuid>}) is
 * checked when the item is published, in every language the item is written in: the asset's own alternative text
 * in that language or the item's {@code altProperty} (the per-use override) must be there. A draft may lack it,
 * because the editor may still describe the asset in the media app.
 */
public final class ImageAltRule implements DomainRule {

    @Override
    public String name() {
        return "altText";
    }

    @Override
    public void validate(ContentTypeDefinition type, RuleBinding binding, ContentNode item, String path,
            ValidationContext context, List<Violation> violations) {
        String alt = binding.required("altProperty");
        Object image = item.property(binding.required("imageProperty"));
        if (!Values.isEmpty(image) && assetId(image) == null && Values.isEmpty(item.property(alt))) {
            violations.add(Violation.of(alt, "altText"));
        }
    }

    @Override
    public void validatePublish(ContentTypeDefinition type, RuleBinding binding, ContentNode item,
            SiteLocales locales, ValidationContext context, List<Violation> violations) {
        String imageProperty = binding.required("imageProperty");
        String alt = binding.required("altProperty");
        boolean imageI18n = type.property(imageProperty).map(PropertyDefinition::i18n).orElse(false);
        for (String language : locales.languages()) {
            if (!language.equals(locales.defaultLanguage()) && !writtenIn(item, language, locales)) {
                continue; // an article without English needs no English alternative text
            }
            Object image = imageI18n && !Values.isEmpty(item.property(locales.storedName(imageProperty, language)))
                    ? item.property(locales.storedName(imageProperty, language)) : item.property(imageProperty);
            String id = assetId(image);
            if (id == null) {
                continue; // no image, or one given as text (checked when saved)
            }
            Optional<ContentItem> asset = context.byIdentifier(AssetNodes.WORKSPACE, id)
                    .filter(a -> a.node().nodeType().equals(AssetNodes.ASSET));
            if (asset.isEmpty()) {
                if (language.equals(locales.defaultLanguage())) {
                    violations.add(Violation.of(imageProperty, "assetMissing", Values.asText(image)));
                }
                continue;
            }
            String altName = locales.storedName(alt, language);
            if (Values.isEmpty(asset.get().node().property(locales.storedName(AssetNodes.ALT_TEXT, language)))
                    && Values.isEmpty(item.property(altName))) {
                violations.add(Violation.of(altName, "altTextAsset", label(asset.get()), language));
            }
        }
    }

    /** True when some value of the item is stored for this (non-default) language. */
    private static boolean writtenIn(ContentNode item, String language, SiteLocales locales) {
        String probe = locales.storedName("x", language);
        String suffix = probe.substring(1);
        return item.properties().entrySet().stream()
                .anyMatch(e -> e.getKey().endsWith(suffix) && !Values.isEmpty(e.getValue()));
    }

    private static String label(ContentItem asset) {
        Object title = asset.node().property(AssetNodes.TITLE);
        return Values.isEmpty(title) ? asset.name() : Values.asText(title);
    }

    private static String assetId(Object value) {
        return value == null ? null : AssetNodes.identifierOf(Values.asText(value));
    }
}
