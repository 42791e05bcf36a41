package no.sunnekommuner.cms.server;

import com.google.common.collect.ImmutableSet;
import java.util.Locale;
import no.sunnekommuner.cms.content.media.IntakeLimits;
import no.sunnekommuner.cms.content.media.MediaFormat;

/** The {@code media.*} settings as the media library's values. */
final class MediaSettings {

    private MediaSettings() {
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
