package no.sunnekommuner.cms.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** What an editor does in the browser, in the editor's words: sign in, open an app, fill a field, save. */
final class EditorPage {

    private final Page page;

    EditorPage(Page page) {
        this.page = page;
    }

    Page page() {
        return page;
    }

    EditorPage signIn(String username, String password) {
        page.navigate("/login");
        typeLogin(username, password);
        assertThat(page.locator("#sign-out")).isVisible();
        return this;
    }

    void typeLogin(String username, String password) {
        page.locator("vaadin-login-form input[name=username]").fill(username);
        page.locator("vaadin-login-form input[name=password]").fill(password);
        page.locator("vaadin-login-form vaadin-button[slot=submit]").click();
    }

    EditorPage openApp(String app) {
        page.navigate("/apps/" + app);
        assertThat(page.locator("#item-grid")).isVisible();
        return this;
    }

    EditorPage openItem(String app, String path) {
        page.navigate("/apps/" + app + "/item?path=" + path);
        assertThat(page.locator("#save")).isVisible();
        return this;
    }

    EditorPage newItem(String app) {
        openApp(app);
        page.locator("#add").click();
        assertThat(page.locator("#save")).isVisible();
        return this;
    }

    /** The native input (or text area) inside the Vaadin field with this id. */
    Locator input(String fieldId) {
        return page.locator("#" + fieldId + " input, #" + fieldId + " textarea").first();
    }

    /** Types into a field and leaves it (Tab), so that the value reaches the server as it would by hand. */
    EditorPage fill(String fieldId, String value) {
        Locator input = input(fieldId);
        input.fill(value);
        if (page.locator("vaadin-date-picker#" + fieldId).count() > 0) {
            input.press("Enter"); // commits the typed date and closes the calendar, as by hand
        }
        input.press("Tab");
        return this;
    }

    /** Writes formatted text: plain parts are typed, parts in *stars* are typed in bold via the toolbar. */
    EditorPage writeRichText(String fieldId, String text) {
        Locator area = page.locator("#" + fieldId + " .rich-text-area");
        area.click();
        Locator bold = page.locator("#" + fieldId + " .rich-text-toolbar vaadin-button").first();
        String[] parts = text.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                bold.click();
            }
            page.keyboard().type(parts[i]);
        }
        page.keyboard().press("Tab"); // leaving the text hands it to the server
        return this;
    }

    /**
     * Ticks the selection box of the grid row showing this text. The grid keeps a pool of row elements whose cells
     * are slotted into its shadow rows, so the row is found through the cell's slot.
     */
    EditorPage selectRow(String cellText) {
        assertThat(page.locator("#item-grid vaadin-grid-cell-content:visible")
                .filter(new Locator.FilterOptions().setHasText(cellText))).hasCount(1);
        page.evaluate("text => {"
                + " const cell = Array.from(document.querySelectorAll('#item-grid vaadin-grid-cell-content'))"
                + "   .find(c => c.textContent.trim() === text && c.assignedSlot && c.offsetParent !== null);"
                + " const row = cell.assignedSlot.parentElement.parentElement;"
                + " row.querySelector('td slot').assignedNodes()[0].querySelector('vaadin-checkbox').click(); }",
                cellText);
        return this;
    }

    /** Picks an option in a select, combo box or reference picker by (part of) its label. */
    EditorPage choose(String fieldId, String label) {
        Locator input = input(fieldId);
        input.click();
        input.fill(label);
        page.locator("vaadin-combo-box-item, vaadin-multi-select-combo-box-item")
                .filter(new Locator.FilterOptions().setHasText(label)).first().click();
        input.press("Tab"); // not Escape: on a field with a clear button it clears the choice

        return this;
    }

    /** Picks an option of a Vaadin select (a drop-down without typing). */
    EditorPage select(String fieldId, String label) {
        page.locator("#" + fieldId).click();
        page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText(label)).first().click();
        return this;
    }

    /** Answers the open confirmation dialog with its main button (delete, reload, discard). */
    void confirm() {
        page.locator("vaadin-button[slot=confirm-button]:visible").click();
    }

    /** Answers the open confirmation dialog with its other button (cancel, keep editing, stay). */
    void cancel() {
        page.locator("vaadin-button[slot=cancel-button]:visible").click();
    }

    EditorPage save() {
        page.locator("#save").click();
        return this;
    }

    /** The error shown under a field (empty when there is none). */
    Locator error(String fieldId) {
        return page.locator("#" + fieldId + " [slot=error-message]");
    }

    void expectNotification(String text) {
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions().setHasText(text))
                .first()).isVisible();
    }

    void expectStatus(String text) {
        assertThat(page.locator("#item-status")).hasText(text);
    }

    /** Waits until the editor shows a stored item (its address holds the path) and returns that path. */
    String savedPath() {
        assertThat(page).hasURL(Pattern.compile(".*/item\\?path=.*"));
        String url = page.url();
        return URLDecoder.decode(url.substring(url.indexOf("path=") + 5), StandardCharsets.UTF_8);
    }
}
