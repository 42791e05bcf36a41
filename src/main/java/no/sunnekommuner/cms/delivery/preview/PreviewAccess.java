package no.sunnekommuner.cms.delivery.preview;

import java.util.Optional;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.preview.PreviewTokens;
import no.sunnekommuner.cms.delivery.DeliveryException;

/**
 * Lets a request to a preview endpoint ({@code /.rest/preview/…}) read one draft with a preview token in the
 * header {@value #HEADER} instead of an editor's credentials: only a read of the one item the token names (not a
 * query, not its children), and only until the token expires.
 */
public final class PreviewAccess {

    public static final String HEADER = "X-Preview-Token";

    private final PreviewTokens tokens;
    private final ContentService content;

    public PreviewAccess(PreviewTokens tokens, ContentService content) {
        this.tokens = tokens;
        this.content = content;
    }

    /**
     * Refuses unless the token is genuine, unexpired and names the item at {@code remainder} of the endpoint.
     *
     * @param remainder the path below the endpoint's root as routed ({@code 2025/article})
     */
    public void require(String token, String workspace, String rootPath, String remainder) {
        PreviewTokens.Grant grant = tokens.verify(token.trim()).orElseThrow(() -> new DeliveryException(401,
                "unauthorized", "The preview token is invalid or has expired"));
        if (!grant.workspace().equals(workspace) || remainder == null || remainder.isBlank()
                || remainder.contains("@")) {
            throw forbidden();
        }
        String relative = remainder.startsWith("/") ? remainder : "/" + remainder;
        if (relative.length() > 1 && relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        String path = rootPath.equals("/") ? relative : rootPath + relative;
        Optional<ContentItem> item;
        try {
            item = content.get(workspace, path);
        } catch (RuntimeException e) {
            throw forbidden();
        }
        if (item.isEmpty() || !grant.id().equals(item.get().id())) {
            throw forbidden();
        }
    }

    private static DeliveryException forbidden() {
        return new DeliveryException(403, "forbidden", "The preview token is for another item");
    }
}
