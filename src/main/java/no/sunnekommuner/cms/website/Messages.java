package no.sunnekommuner.cms.website;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;

/** The site's texts from {@code website/messages_nb.properties} and {@code _en}, for Java and for {@code #{…}}. */
final class Messages implements IMessageResolver {

    private static final String BUNDLE = "website.messages";

    static String get(Lang lang, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, lang.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        try {
            String pattern = bundle.getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, lang.locale()).format(args);
        } catch (MissingResourceException e) {
            return key; // visible, never an error page for a missing text
        }
    }

    static Lang langOf(ITemplateContext context) {
        return "en".equals(context.getLocale().getLanguage()) ? Lang.EN : Lang.NB;
    }

    @Override
    public String getName() {
        return "site";
    }

    @Override
    public Integer getOrder() {
        return 0;
    }

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] messageParameters) {
        return get(langOf(context), key, messageParameters == null ? new Object[0] : messageParameters);
    }

    @Override
    public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
            Object[] messageParameters) {
        return key;
    }
}
