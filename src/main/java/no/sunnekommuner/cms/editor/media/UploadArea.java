package no.sunnekommuner.cms.editor.media;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.component.upload.receivers.MultiFileMemoryBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.media.IntakeLimits;
import no.sunnekommuner.cms.content.media.MediaRefusedException;
import no.sunnekommuner.cms.content.model.ContentItem;

/**
 * Vaadin's upload with drag and drop, several files and a progress bar per file, storing each file through the
 * media library as soon as it arrived. A refused file is marked in the upload's list and named below it with the
 * intake's reason in the user's language; the other files go on.
 */
final class UploadArea extends Composite<VerticalLayout> {

    /** Stores one received file (the media library checks and cleans it); returns the stored asset. */
    interface Store {
        ContentItem store(String fileName, byte[] bytes);
    }

    private final MultiFileMemoryBuffer buffer = new MultiFileMemoryBuffer();
    private final Upload upload = new Upload(buffer);
    private final UnorderedList refusals = new UnorderedList();
    private final Div refused = new Div();
    private final Object[] limitArguments;

    UploadArea(String id, boolean multiple, IntakeLimits limits, Store store, Consumer<ContentItem> stored) {
        // every refusal message may name the limits: {0} megabytes, {1} megapixels
        this.limitArguments = new Object[] {limits.maxBytes() / (1024 * 1024), limits.maxPixels() / 1_000_000};
        upload.setId(id);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        if (!multiple) {
            upload.setMaxFiles(1);
        }
        upload.setDropAllowed(true);
        upload.setI18n(i18n());
        upload.setWidthFull();
        refused.setId(id + "-refusals");
        refused.addClassName("upload-refusals");
        Span heading = new Span(getTranslation("media.refusedTitle"));
        heading.addClassName("upload-refusals-title");
        refused.add(heading, refusals);
        refused.setVisible(false);
        upload.addSucceededListener(e -> {
            String name = e.getFileName();
            try (InputStream in = buffer.getInputStream(name)) {
                ContentItem asset = store.store(name, in.readAllBytes());
                stored.accept(asset);
            } catch (MediaRefusedException ex) {
                refuse(name, getTranslation(ex.messageKey(), limitArguments));
            } catch (AccessDeniedException ex) {
                refuse(name, getTranslation("error.forbidden"));
            } catch (ContentException ex) {
                refuse(name, ex.getMessage());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        upload.addFileRejectedListener(e -> refuse(e.getFileName(), e.getErrorMessage()));
        getContent().setPadding(false);
        getContent().setSpacing(false);
        getContent().add(upload, refused);
        getContent().addClassName("upload-area");
    }

    private void refuse(String fileName, String message) {
        ListItem line = new ListItem(fileName + ": " + message);
        line.addClassName("upload-refusal");
        refusals.add(line);
        refused.setVisible(true);
        // the row of the file in the upload's own list shows the reason too, instead of a green tick
        upload.getElement().executeJs("const f = (this.files || []).find(f => f.name === $0 && !f.error);"
                + " if (f) { f.error = $1; f.complete = false; this.files = [...this.files]; }", fileName, message);
        Notification n = Notification.show(fileName + ": " + message, 6000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private UploadI18N i18n() {
        UploadI18N i18n = new UploadI18N();
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne(getTranslation("media.upload.drop"))
                .setMany(getTranslation("media.upload.drop")));
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne(getTranslation("media.upload.add"))
                .setMany(getTranslation("media.upload.add")));
        i18n.setError(new UploadI18N.Error().setFileIsTooBig(getTranslation("media.refused.too-large", limitArguments))
                .setTooManyFiles(getTranslation("media.refused.too-many-files"))
                .setIncorrectFileType(getTranslation("media.refused.unrecognised")));
        return i18n;
    }
}
