package no.sunnekommuner.cms.content.preview;

import com.google.common.collect.ImmutableMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import no.sunnekommuner.cms.content.model.ContentItem;

/**
 * The website's preview pages of the apps that name one: a URL template per app with the placeholders
 * {@code {site}} (setting {@code site.baseUrl}), {@code {lang}}, {@code {name}}, {@code {path}}, {@code {id}} and
 * {@code {token}} (a fresh {@link PreviewTokens preview token} for the item), e.g.
 * {@code {site}/{lang}/nyheter/{name}?preview={token}}.
 */
public final class PreviewLinks {

    private final ImmutableMap<String, ImmutableMap<String, String>> templates;
    private final PreviewTokens tokens;
    private final String site;

    /** @param templates per app: per language, or {@value PreviewTemplatesFile#ANY_LANGUAGE} for all */
    public PreviewLinks(ImmutableMap<String, ImmutableMap<String, String>> templates, PreviewTokens tokens,
            String siteBaseUrl) {
        this.templates = templates;
        this.tokens = tokens;
        this.site = siteBaseUrl.endsWith("/") ? siteBaseUrl.substring(0, siteBaseUrl.length() - 1) : siteBaseUrl;
    }

    public static PreviewLinks none(PreviewTokens tokens) {
        return new PreviewLinks(ImmutableMap.of(), tokens, "");
    }

    public PreviewTokens tokens() {
        return tokens;
    }

    public boolean has(String app) {
        return templates.containsKey(app);
    }

    /** A token for the item, to be used in the URLs of all languages of one preview. */
    public String token(ContentItem item) {
        return tokens.issue(item.workspace(), item.id());
    }

    /** The website page previewing an item in a language, or empty when the app names no template. */
    public Optional<String> url(String app, String language, ContentItem item, String token) {
        ImmutableMap<String, String> perLanguage = templates.get(app);
        String template = perLanguage == null ? null : perLanguage.getOrDefault(language,
                perLanguage.get(PreviewTemplatesFile.ANY_LANGUAGE));
        if (template == null) {
            return Optional.empty();
        }
        return Optional.of(template.replace("{site}", site)
                .replace("{lang}", enc(language))
                .replace("{name}", enc(item.name()))
                .replace("{path}", item.path())
                .replace("{id}", enc(item.id()))
                .replace("{token}", enc(token)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
