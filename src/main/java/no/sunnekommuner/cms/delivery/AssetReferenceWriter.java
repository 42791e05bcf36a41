package no.sunnekommuner.cms.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import no.sunnekommuner.cms.definition.ReferenceDefinition;

/**
 * Renders a value resolved by an {@code assetReferenceResolver} (the media library plugs its writer in through the
 * composition root). Without one, asset references stay the stored string, as unresolvable ones do in Magnolia.
 */
public interface AssetReferenceWriter {

    AssetReferenceWriter NONE = (g, value, reference, language, published) -> g.writeString(value);

    /**
     * @param value     the stored value ({@code jcr:<uuid>} when it is an asset key)
     * @param language  the response's language (title, caption and alt text in it)
     * @param published true for public delivery (published assets only), false for preview (drafts)
     */
    void write(JsonGenerator g, String value, ReferenceDefinition reference, String language, boolean published)
            throws IOException;
}
