package no.sunnekommuner.cms.server;

import com.google.common.collect.ImmutableSet;
import java.util.Locale;
import no.sunnekommuner.cms.content.media.IntakeLimits;
import no.sunnekommuner.cms.content.media.MediaFormat;

/** The {@code media.*} settings as the media library's values. */
final class MediaSettings {

    private MediaSettings() {
    }

    /** The theme whose variations name the renditions (media.theme), or null when no module has it. */
    static no.sunnekommuner.cms.definition.ThemeDefinition theme(Settings settings,
            com.google.common.collect.ImmutableMap<String, no.sunnekommuner.cms.definition.ThemeDefinition> themes) {
        String name = settings.get("media.theme", "");
        if (name.isEmpty()) {
            return null;
        }
        no.sunnekommuner.cms.definition.ThemeDefinition theme = themes.get(name);
        if (theme == null) {
            org.slf4j.LoggerFactory.getLogger(MediaSettings.class).warn("media.theme '{}' is in no light module's"
                    + " themes/ folder (known: {}); renditions are served at full size", name, themes.keySet());
        }
        return theme;
    }

    static no.sunnekommuner.cms.delivery.media.MediaModule module(CmsRuntime runtime,
            no.sunnekommuner.cms.delivery.RequestUser users) {
        Settings settings = runtime.settings();
        com.google.common.collect.ImmutableMap<String, no.sunnekommuner.cms.definition.ThemeDefinition> themes =
                runtime.themes();
        String dir = settings.get("media.cacheDir", "");
        java.nio.file.Path cacheDir = dir.isEmpty() ? settings.dataDir().resolve("imaging") : java.nio.file.Path.of(dir);
        return new no.sunnekommuner.cms.delivery.media.MediaModule(runtime.content(), runtime.assets(), users,
                new no.sunnekommuner.cms.delivery.media.MediaDelivery(theme(settings, themes), themes,
                        cacheDir.toAbsolutePath(), settings.integer("media.renditionThreads"),
                        settings.get("delivery.cacheControl"), limits(settings).maxBytes()));
    }

    static IntakeLimits limits(Settings settings) {
        ImmutableSet.Builder<MediaFormat> allowed = ImmutableSet.builder();
        for (String key : settings.get("media.allowedTypes").split(",")) {
            if (key.isBlank()) {
                continue;
            }
            allowed.add(MediaFormat.ofKey(key).orElseThrow(() -> new ConfigurationException("media.allowedTypes: '"
                    + key.trim() + "' is no known format; known: jpeg, png, gif, webp, pdf"
                    + (key.trim().toLowerCase(Locale.ROOT).equals("svg") ? " (SVG is never accepted: it can carry"
                    + " scripts)" : ""))));
        }
        return new IntakeLimits(allowed.build(), settings.integer("media.maxMegabytes") * 1024L * 1024L,
                settings.integer("media.maxMegapixels") * 1_000_000L);
    }
}
