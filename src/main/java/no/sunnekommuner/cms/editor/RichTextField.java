package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.ArrayList;
import java.util.List;
import no.sunnekommuner.cms.content.RichTextSanitizer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * A formatted-text field that editors use like a word processor (bold, italic, headings, lists, links), built on
 * the browser's own editable area: Vaadin's RichTextEditor is commercial. The HTML it produces is cleaned here and
 * again by the content service on save, so nothing but the allowed tags is ever stored.
 */
public final class RichTextField extends CustomField<String> {

    private final RichTextSanitizer sanitizer = new RichTextSanitizer();
    private final Div area = new Div();
    private String html = "";

    public RichTextField(String label) {
        setLabel(label);
        addClassName("rich-text");
        area.addClassName("rich-text-area");
        area.getElement().setAttribute("contenteditable", "true");
        area.getElement().setAttribute("role", "textbox");
        area.getElement().setAttribute("aria-multiline", "true");
        area.getElement().setAttribute("aria-label", label);
        area.getElement().setAttribute("tabindex", "0");
        // Enter starts a new paragraph (not a div) in every browser
        area.getElement().executeJs("this.addEventListener('focus', () =>"
                + " document.execCommand('defaultParagraphSeparator', false, 'p'))");
        // the browser's editing keeps the text; the server learns it as the editor types (debounced) and on leaving
        area.getElement().addEventListener("input", e -> changed(e.getEventData().getString("element.innerHTML")))
                .addEventData("element.innerHTML").debounce(400);
        area.getElement().addEventListener("blur", e -> changed(e.getEventData().getString("element.innerHTML")))
                .addEventData("element.innerHTML");

        Div toolbar = new Div();
        toolbar.addClassName("rich-text-toolbar");
        toolbar.getElement().setAttribute("role", "toolbar");
        toolbar.getElement().setAttribute("aria-label", getTranslation("richText.toolbar", label));
        toolbar.add(command(VaadinIcon.BOLD, "richText.bold", "bold", null),
                command(VaadinIcon.ITALIC, "richText.italic", "italic", null),
                command(VaadinIcon.HEADER, "richText.heading", "formatBlock", "h2"),
                command(VaadinIcon.PARAGRAPH, "richText.paragraph", "formatBlock", "p"),
                command(VaadinIcon.LIST_UL, "richText.bulletList", "insertUnorderedList", null),
                command(VaadinIcon.LIST_OL, "richText.numberedList", "insertOrderedList", null),
                link(),
                command(VaadinIcon.UNLINK, "richText.unlink", "unlink", null),
                command(VaadinIcon.ERASER, "richText.clear", "removeFormat", null));
        Div box = new Div(toolbar, area);
        box.addClassName("rich-text-box");
        add(box);
    }

    private void changed(String browserHtml) {
        String written = clean(browserHtml);
        // the browser writes HTML its own way (entities, spaces, paragraphs): only a real change counts as one
        if (!normalized(written).equals(normalized(clean(html)))) {
            html = written;
            updateValue();
        }
    }

    /** The safe HTML of what the editor wrote (the content service's own rules); no visible text is no text. */
    private String clean(String dirty) {
        String clean = sanitizer.sanitize(paragraphs(dirty == null ? "" : dirty.trim()));
        return clean == null || (Jsoup.parse(clean).text().isBlank() && !clean.contains("<img")) ? "" : clean;
    }

    /**
     * Text typed straight into the area (no paragraph around it) goes into paragraphs, and the no-break spaces a
     * browser puts between words while typing become plain spaces, so that stored text is what a website expects.
     */
    static String paragraphs(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        Element body = document.body();
        for (Element element : body.getAllElements()) {
            for (TextNode text : element.textNodes()) {
                // a lone no-break space is the browser's; one beside another space keeps a run of spaces visible
                text.text(text.getWholeText().replaceAll("(?<![\\s\u00A0])\u00A0(?![\\s\u00A0])", " "));
            }
        }
        List<Node> run = new ArrayList<>();
        for (Node child : new ArrayList<>(body.childNodes())) {
            boolean inline = child instanceof TextNode || (child instanceof Element e && e.tag().isInline());
            if (inline) {
                run.add(child);
            } else {
                wrap(run);
            }
        }
        wrap(run);
        return body.html();
    }

    private static void wrap(List<Node> run) {
        boolean visible = run.stream().anyMatch(n -> !(n instanceof TextNode t) || !t.isBlank());
        if (visible) {
            Element p = new Element("p");
            run.get(0).before(p);
            run.forEach(n -> p.appendChild(n));
            // a trailing line break is the browser's placeholder of an empty last line
            if (p.childrenSize() > 0 && p.child(p.childrenSize() - 1).tagName().equals("br")
                    && p.childNodeSize() > 1) {
                p.child(p.childrenSize() - 1).remove();
            }
        }
        run.clear();
    }

    static String normalized(String html) {
        Document document = Jsoup.parseBodyFragment(html == null ? "" : html);
        document.outputSettings().prettyPrint(false);
        return document.body().html();
    }

    private Button command(VaadinIcon icon, String labelKey, String command, String argument) {
        Button button = toolButton(icon, labelKey);
        // runs in the browser: a round trip would lose the selection the command applies to
        button.getElement().executeJs("this.addEventListener('mousedown', e => e.preventDefault());"
                + "this.addEventListener('click', () => { $0.focus(); document.execCommand($1, false, $2);"
                + " $0.dispatchEvent(new Event('input')); });", area.getElement(), command, argument);
        return button;
    }

    private Button link() {
        Button button = toolButton(VaadinIcon.LINK, "richText.link");
        button.getElement().executeJs("this.addEventListener('mousedown', e => e.preventDefault());"
                + "this.addEventListener('click', () => { const url = window.prompt($1, 'https://');"
                + " if (url && /^(https?:|mailto:)/i.test(url)) { $0.focus(); document.execCommand('createLink', false, url);"
                + " $0.dispatchEvent(new Event('input')); } });", area.getElement(), getTranslation("richText.linkPrompt"));
        return button;
    }

    private Button toolButton(VaadinIcon icon, String labelKey) {
        Button button = new Button(icon.create());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_SMALL);
        button.setAriaLabel(getTranslation(labelKey));
        button.setTooltipText(getTranslation(labelKey));
        return button;
    }

    @Override
    protected String generateModelValue() {
        return html;
    }

    @Override
    protected void setPresentationValue(String value) {
        html = value == null ? "" : value;
        area.getElement().setProperty("innerHTML", sanitizer.sanitize(html)); // stored content is clean already
    }

    @Override
    public String getEmptyValue() {
        return "";
    }
}
