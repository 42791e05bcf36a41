package no.sunnekommuner.cms.editor;

import java.util.Locale;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.OptionDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;

/** Labels of apps, properties and options from the light modules' message bundles, with readable fallbacks. */
final class Labels {

    private final DefinitionRegistry definitions;
    private final String language;

    Labels(DefinitionRegistry definitions, Locale locale) {
        this.definitions = definitions;
        this.language = locale == null ? "nb" : locale.getLanguage();
    }

    String app(AppDefinition app) {
        return definitions.message(language, app.name() + ".label").orElse(app.label() != null ? app.label()
                : humanize(app.name().replace("-app", "")));
    }

    String item(AppDefinition app, ContentTypeDefinition type) {
        return definitions.message(language, app.name() + ".detail.label")
                .or(() -> definitions.message(language, "contentTypes." + type.name() + ".label"))
                .orElse(humanize(type.name()));
    }

    String property(AppDefinition app, PropertyDefinition p) {
        return app.field(p.name()).map(f -> f.label()).filter(l -> l != null && !l.contains("."))
                .or(() -> definitions.message(language, app.name() + "." + p.name() + ".label"))
                .orElse(p.label() != null ? p.label() : humanize(p.name()));
    }

    String description(AppDefinition app, PropertyDefinition p) {
        return app.field(p.name()).map(f -> f.description()).map(this::message)
                .or(() -> definitions.message(language, app.name() + "." + p.name() + ".description")).orElse(null);
    }

    String subProperty(AppDefinition app, PropertyDefinition parent, PropertyDefinition p) {
        return definitions.message(language, app.name() + "." + parent.name() + "." + p.name() + ".label")
                .orElse(humanize(p.name()));
    }

    String option(AppDefinition app, PropertyDefinition p, OptionDefinition o) {
        return definitions.message(language, app.name() + "." + p.name() + ".options." + o.value())
                .orElse(o.label() != null ? o.label() : o.name());
    }

    String column(AppDefinition app, String name) {
        return definitions.message(language, app.name() + ".columns." + name)
                .or(() -> definitions.message(language, app.name() + "." + name + ".label"))
                .orElse(humanize(name));
    }

    /** A message key from a validator's errorMessage, or the text itself. */
    String message(String keyOrText) {
        return keyOrText == null ? null : definitions.message(language, keyOrText).orElse(keyOrText);
    }

    static String humanize(String name) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0) {
                s.append(Character.toUpperCase(c));
            } else if (Character.isUpperCase(c)) {
                s.append(' ').append(Character.toLowerCase(c));
            } else {
                s.append(c == '-' || c == '_' ? ' ' : c);
            }
        }
        return s.toString();
    }
}
