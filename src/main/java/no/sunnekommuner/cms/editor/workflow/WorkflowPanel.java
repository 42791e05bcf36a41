package no.sunnekommuner.cms.editor.workflow;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import no.sunnekommuner.cms.content.AccessDeniedException;
import no.sunnekommuner.cms.content.AccessPolicy;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentConflictException;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.WorkflowState;
import no.sunnekommuner.cms.content.validation.ValidationException;

/**
 * The workflow part of the detail view: what is pending (review, rejection, schedule, a failed scheduled run),
 * submitting for review with a comment, a publisher's approve (now or at a time) and reject with a comment, and
 * planning or cancelling a publish and an unpublish. Times are typed and shown in the editor's time zone and
 * stored as instants. Every action goes through the content service, which asks the access policy again.
 */
public final class WorkflowPanel extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final ContentService content;
    private final Actor actor;
    private final ZoneId zone;
    private final Consumer<ContentItem> changed;
    private final ContentItem item;

    /**
     * @param changed told the item's new state after every action that changed it (the view shows it)
     */
    public WorkflowPanel(ContentService content, Actor actor, ZoneId zone, Locale locale, ContentItem item,
            Consumer<ContentItem> changed) {
        this.content = content;
        this.actor = actor;
        this.zone = zone;
        this.item = item;
        this.changed = changed;
        setId("workflow");
        setPadding(false);
        setSpacing(false);
        AccessPolicy policy = content.access();
        WorkflowState w = item.workflow();
        VerticalLayout body = new VerticalLayout();
        body.setPadding(false);

        if (w.review() == WorkflowState.Review.IN_REVIEW) {
            body.add(info("wf-in-review", getTranslation("workflow.inReview", w.requestedBy(), when(w.requestedAt()),
                    w.comment() == null ? "–" : w.comment())));
        } else if (w.review() == WorkflowState.Review.REJECTED) {
            body.add(info("wf-rejection", getTranslation("workflow.rejectedBy", w.decisionBy(), when(w.decisionAt()),
                    w.decision())));
        }
        if (w.publishAt() != null) {
            body.add(info("wf-publish-at", getTranslation("workflow.willPublish", when(w.publishAt()))));
        }
        if (w.unpublishAt() != null) {
            body.add(info("wf-unpublish-at", getTranslation("workflow.willUnpublish", when(w.unpublishAt()))));
        }
        if (w.problem() != null) {
            Paragraph problem = info("wf-problem", getTranslation("workflow.problem", w.problem()));
            problem.getStyle().set("color", "var(--lumo-error-text-color)");
            body.add(problem);
        }

        if (w.review() != WorkflowState.Review.IN_REVIEW && policy.allows(actor, Permission.SUBMIT)) {
            TextArea comment = new TextArea(getTranslation("workflow.comment"));
            comment.setId("review-comment");
            comment.setMaxLength(2000);
            comment.setWidth("28em");
            Button submit = new Button(getTranslation("workflow.submit"), e -> act(() -> content.submitForReview(
                    item.workspace(), item.path(), comment.getValue(), actor), "workflow.submitted"));
            submit.setId("submit-review");
            body.add(row(comment, submit));
        }
        if (w.review() == WorkflowState.Review.IN_REVIEW && policy.allows(actor, Permission.REVIEW)) {
            TextArea decision = new TextArea(getTranslation("workflow.decision"));
            decision.setId("review-decision");
            decision.setMaxLength(2000);
            decision.setWidth("28em");
            DateTimePicker at = picker("approve-at", "workflow.approveAt", locale);
            Button approve = new Button(getTranslation("workflow.approve"), e -> act(() -> content.approve(
                    item.workspace(), item.path(), instant(at), actor), "workflow.approved"));
            approve.setId("approve");
            approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
            Button reject = new Button(getTranslation("workflow.reject"), e -> {
                if (decision.getValue().isBlank()) {
                    decision.setInvalid(true);
                    decision.setErrorMessage(getTranslation("workflow.rejectNeedsComment"));
                    return;
                }
                act(() -> content.reject(item.workspace(), item.path(), decision.getValue(), actor),
                        "workflow.rejected");
            });
            reject.setId("reject");
            reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
            body.add(row(decision, reject), row(at, approve));
        }
        if (policy.allows(actor, Permission.SCHEDULE)) {
            DateTimePicker publishAt = picker("schedule-publish-at", "workflow.publishAt", locale);
            DateTimePicker unpublishAt = picker("schedule-unpublish-at", "workflow.unpublishAt", locale);
            publishAt.setValue(local(w.publishAt()));
            unpublishAt.setValue(local(w.unpublishAt()));
            Button schedule = new Button(getTranslation("workflow.schedule"), e -> act(() -> content.schedule(
                    item.workspace(), item.path(), instant(publishAt), instant(unpublishAt), actor),
                    "workflow.scheduled"));
            schedule.setId("schedule");
            Button cancel = new Button(getTranslation("workflow.cancelSchedule"), e -> act(() -> content.schedule(
                    item.workspace(), item.path(), null, null, actor), "workflow.cancelled"));
            cancel.setId("cancel-schedule");
            cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            cancel.setVisible(w.scheduled());
            body.add(row(publishAt, unpublishAt, schedule, cancel));
        }
        Paragraph note = new Paragraph(getTranslation("workflow.note"));
        note.setId("schedule-note");
        note.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        body.add(note);

        Details details = new Details(getTranslation("workflow.title"), body);
        // opened when something is pending, so a rejection or a failed run is seen without a click
        details.setOpened(w.review() != WorkflowState.Review.NONE || w.scheduled() || w.problem() != null);
        details.setId("workflow-details");
        add(details);
    }

    private DateTimePicker picker(String id, String labelKey, Locale locale) {
        DateTimePicker picker = new DateTimePicker(getTranslation(labelKey));
        picker.setId(id);
        picker.setLocale(locale);
        com.vaadin.flow.component.datepicker.DatePicker.DatePickerI18n i18n =
                new com.vaadin.flow.component.datepicker.DatePicker.DatePickerI18n();
        i18n.setDateFormat("dd.MM.yyyy");
        picker.setDatePickerI18n(i18n);
        picker.setStep(java.time.Duration.ofMinutes(1));
        return picker;
    }

    private static HorizontalLayout row(com.vaadin.flow.component.Component... components) {
        HorizontalLayout row = new HorizontalLayout(components);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        return row;
    }

    private static Paragraph info(String id, String text) {
        Paragraph p = new Paragraph(text);
        p.setId(id);
        return p;
    }

    private String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant.atZone(zone));
    }

    private Instant instant(DateTimePicker picker) {
        LocalDateTime value = picker.getValue();
        return value == null ? null : value.atZone(zone).toInstant();
    }

    private LocalDateTime local(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, zone);
    }

    private void act(java.util.function.Supplier<ContentItem> action, String doneKey) {
        try {
            ContentItem result = action.get();
            notify(getTranslation(doneKey), NotificationVariant.LUMO_SUCCESS);
            changed.accept(content.get(result.workspace(), result.path()).orElse(result));
        } catch (AccessDeniedException e) {
            notify(getTranslation(e.kind() == AccessDeniedException.Kind.REVIEW_REQUIRED
                    ? "workflow.reviewRequired" : "error.forbidden"), NotificationVariant.LUMO_ERROR);
        } catch (ContentConflictException e) {
            notify(getTranslation("workflow.changedMeanwhile"), NotificationVariant.LUMO_ERROR);
        } catch (ValidationException e) {
            boolean order = e.violations().stream().anyMatch(v -> v.rule().equals("afterPublish"));
            notify(order ? getTranslation("workflow.unpublishAfterPublish") : getTranslation("detail.invalid") + " "
                    + e.violations().stream().map(v -> v.field()).toList(), NotificationVariant.LUMO_ERROR);
        } catch (ContentException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification n = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
    }

    /** The item this panel shows. */
    public ContentItem item() {
        return item;
    }
}
