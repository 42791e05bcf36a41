package no.sunnekommuner.cms.editor;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.math.BigDecimal;
import com.google.common.collect.ImmutableMap;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.validation.Violation;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.FieldDefinition;
import no.sunnekommuner.cms.definition.FieldType;
import no.sunnekommuner.cms.definition.ValidatorDefinition;
import no.sunnekommuner.cms.definition.OptionDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.PropertyType;
import no.sunnekommuner.cms.definition.SubModelDefinition;
import no.sunnekommuner.cms.editor.media.AssetPickerField;

/**
 * A form generated from a content type and its app: the resolved field ({@link FieldDefinition}) of every property, Norwegian and English side
 * by side for bilingual ones, sub-models as sections. Reads a node into the fields and builds one from them; field
 * ids are the stored names ({@code title-nb}, {@code title-en}, {@code coordinator-email}) for tests and labels.
 */
final class ContentForm extends Div {

    /** The editor's time zone ({@code editor.timeZone}): days and times typed are of this zone. */
    private final ZoneId zone;
    /** The editor's date pattern ({@code editor.dateFormat}): how days are shown and typed. */
    private final String dateFormat;

    private final AppDefinition app;
    private final ContentTypeDefinition type;
    private final Labels labels;
    private final ContentService content;
    private final Locale locale;
    private final String defaultLanguage;
    private final List<String> otherLanguages;
    /**
     * Moves values between the fields and the node ({@link FormDraft}); the stored value and the field value are
     * converted in each binding. No validators here: the content service validates, and its violations are shown
     * on the fields ({@link #showViolations}).
     */
    private final Binder<FormDraft> binder = new Binder<>();
    /** The bound fields by stored name (sub-model fields as {@code <property>.<sub-property>}), for messages. */
    private final Map<String, Bound> bound = new LinkedHashMap<>();
    private ContentNode original;

    private record Bound(FieldDefinition definition, HasValue<?, ?> field) {
    }
    private Runnable onChange = () -> { };

    ContentForm(AppDefinition app, ContentTypeDefinition type, Labels labels, ContentService content, Locale locale,
            ZoneId zone, String dateFormat) {
        this.zone = zone;
        this.dateFormat = dateFormat;
        this.app = app;
        this.type = type;
        this.labels = labels;
        this.content = content;
        this.locale = locale;
        this.defaultLanguage = content.locales().defaultLanguage();
        this.otherLanguages = content.locales().otherLanguages();
        addClassName("content-form");
        // the fields' own checks (an e-mail field's pattern …) would keep a value from the node; the content
        // service judges every value and the form shows its verdict, in the YAML's words
        binder.setDefaultValidatorsEnabled(false);
        binder.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                clearError(e.getHasValue());
                onChange.run();
            }
        });
        FormLayout main = layout();
        for (PropertyDefinition p : type.properties()) {
            if (p.type().kind() == PropertyType.Kind.SUB_MODEL) {
                continue;
            }
            addProperty(main, fieldOf(app, p), "", labels.property(app, p));
        }
        add(main);
        for (PropertyDefinition p : type.properties()) {
            if (p.type().kind() != PropertyType.Kind.SUB_MODEL) {
                continue;
            }
            SubModelDefinition sub = type.subModel(p.type().target()).orElse(null);
            if (sub == null) {
                continue;
            }
            H3 heading = new H3(labels.property(app, p));
            FormLayout section = layout();
            FieldDefinition composite = fieldOf(app, p);
            for (PropertyDefinition sp : sub.properties()) {
                addProperty(section, composite.field(sp.name()).orElseGet(() -> FieldDefinition.generated(sp,
                        ImmutableMap.of())), p.name() + ".", labels.subProperty(app, p, sp));
            }
            Div box = new Div(heading, section);
            box.addClassName("sub-model");
            add(box);
        }
    }

    void onChange(Runnable listener) {
        this.onChange = listener;
    }

    private static FormLayout layout() {
        FormLayout layout = new FormLayout();
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("900px", 2));
        return layout;
    }

    /** The app's resolved field of a property; the generated one for a property the app does not list. */
    private static FieldDefinition fieldOf(AppDefinition app, PropertyDefinition p) {
        return app.field(p.name()).orElseGet(() -> FieldDefinition.generated(p, ImmutableMap.of()));
    }

    private void addProperty(FormLayout layout, FieldDefinition fd, String prefix, String label) {
        PropertyDefinition p = fd.property();
        if (fd.fieldType() == FieldType.HIDDEN) {
            return; // not shown; write() starts from the stored node, so the value is kept as it is
        }
        if (fd.fieldType() == FieldType.STATIC) {
            Span text = new Span(fd.staticValue() == null ? "" : labels.message(fd.staticValue()));
            Div box = new Div(new Span(label), text);
            box.addClassName("static-field");
            box.setId((prefix + p.name()).replace('.', '-'));
            layout.add(box);
            return;
        }
        if (p.i18n()) {
            // the languages of one property side by side on a row of their own (a <br> starts a new row)
            layout.getElement().appendChild(new com.vaadin.flow.dom.Element("br"));
            List<String> languages = new ArrayList<>();
            languages.add(defaultLanguage);
            languages.addAll(otherLanguages);
            for (String language : languages) {
                String stored = content.locales().storedName(p.name(), language);
                Component field = field(fd, label + " (" + languageName(language) + ")", prefix + stored,
                        language.equals(defaultLanguage) && fd.required());
                if (fd.fieldType() == FieldType.RICH_TEXT) {
                    layout.add(field, 1);
                } else {
                    layout.add(field);
                }
            }
        } else {
            Component field = field(fd, label, prefix + p.name(), fd.required());
            layout.add(field);
            if (fd.fieldType() == FieldType.RICH_TEXT || p.multiple()) {
                layout.setColspan(field, 2);
            }
        }
        String description = prefix.isEmpty() ? labels.description(app, p) : null;
        if (description != null) {
            bound.keySet().stream().filter(k -> k.equals(prefix + p.name()) || k.startsWith(prefix + p.name() + "_"))
                    .forEach(k -> {
                        if (bound.get(k).field() instanceof com.vaadin.flow.component.HasHelper h
                                && h.getHelperText() == null) {
                            h.setHelperText(description);
                        }
                    });
        }
    }

    private String languageName(String language) {
        // the language's own name in the UI language (Java's locale data: "norsk bokmål", "nynorsk", "English" …)
        String name = Locale.forLanguageTag(language).getDisplayLanguage(locale);
        return name.isEmpty() || name.equals(language) ? language : name;
    }

    private Component field(FieldDefinition fd, String label, String key, boolean required) {
        PropertyDefinition p = fd.property();
        Component component;
        HasValue<?, ?> value;
        String id = key.replace('.', '-').replace('_', '-');
        if (key.indexOf('.') < 0 && !key.contains("_")) {
            id = key + (p.i18n() ? "-" + defaultLanguage : "");
        } else if (key.indexOf('.') < 0) {
            id = key.replace('_', '-');
        }
        PropertyType.Kind kind = p.type().kind();
        switch (fd.fieldType()) {
            case CHECK_BOX -> {
                Checkbox c = new Checkbox(label);
                component = c;
                value = c;
            }
            case DATE -> {
                if (fd.time()) {
                    DateTimePicker d = new DateTimePicker(label);
                    d.setDatePickerI18n(datePickerI18n());
                    d.setLocale(locale);
                    component = d;
                    value = d;
                } else {
                    DatePicker d = new DatePicker(label);
                    d.setI18n(datePickerI18n());
                    d.setLocale(locale);
                    d.setPlaceholder(placeholder());
                    component = d;
                    value = d;
                }
            }
            case RICH_TEXT -> {
                RichTextField f = new RichTextField(label);
                component = f;
                value = f;
            }
            case COMBO_BOX -> {
                ComboBox<String> combo = new ComboBox<>(label);
                combo.setItems(fd.options().stream().map(OptionDefinition::value).toList());
                combo.setItemLabelGenerator(v -> optionLabel(fd, v));
                component = combo;
                value = combo;
            }
            case RADIO_BUTTON_GROUP -> {
                RadioButtonGroup<String> radio = new RadioButtonGroup<>(label);
                radio.setItems(fd.options().stream().map(OptionDefinition::value).toList());
                radio.setItemLabelGenerator(v -> optionLabel(fd, v));
                component = radio;
                value = radio;
            }
            case DAM_LINK -> {
                if (p.multiple()) {
                    // a gallery: one key per line until the picker takes several
                    TextArea area = new TextArea(label);
                    area.setHelperText(getTranslation("editor.multiValue.help"));
                    component = area;
                    value = area;
                } else {
                    AssetPickerField f = new AssetPickerField(Cms.media(), label, locale);
                    component = f;
                    value = f;
                }
            }
            case LINK, MULTI_VALUE -> {
                if (kind == PropertyType.Kind.REFERENCE) {
                    ContentTypeDefinition target = content.definitions().contentType(p.type().target()).orElseThrow();
                    if (p.multiple()) {
                        MultiSelectComboBox<String> combo = new MultiSelectComboBox<>(label);
                        configureReference(combo, target);
                        component = combo;
                        value = combo;
                    } else {
                        ComboBox<String> combo = new ComboBox<>(label);
                        configureReference(combo, target);
                        component = combo;
                        value = combo;
                    }
                } else if (p.multiple()) {
                    TextArea area = new TextArea(label);
                    area.setHelperText(getTranslation("editor.multiValue.help"));
                    component = area;
                    value = area;
                } else {
                    TextField f = new TextField(label);
                    component = f;
                    value = f;
                }
            }
            default -> { // textField and the like
                switch (kind) {
                    case LONG -> {
                        IntegerField f = new IntegerField(label);
                        component = f;
                        value = f;
                    }
                    case DOUBLE -> {
                        NumberField f = new NumberField(label);
                        f.setStep(0.000001);
                        component = f;
                        value = f;
                    }
                    case DECIMAL -> {
                        BigDecimalField f = new BigDecimalField(label);
                        component = f;
                        value = f;
                    }
                    default -> {
                        boolean email = fd.validators().stream()
                                .anyMatch(v -> v.kind() == ValidatorDefinition.Kind.EMAIL);
                        if (fd.isTextArea()) {
                            TextArea area = new TextArea(label);
                            area.setMinRows(fd.rows());
                            if (fd.maxLength() != null) {
                                area.setMaxLength(fd.maxLength());
                            }
                            component = area;
                            value = area;
                        } else if (email) {
                            // the browser's own address check too, as the YAML asks for an e-mail validator
                            EmailField f = new EmailField(label);
                            if (fd.maxLength() != null) {
                                f.setMaxLength(fd.maxLength());
                            }
                            component = f;
                            value = f;
                        } else {
                            TextField f = new TextField(label);
                            if (fd.maxLength() != null) {
                                f.setMaxLength(fd.maxLength());
                            }
                            component = f;
                            value = f;
                        }
                    }
                }
            }
        }
        component.setId(id);
        if (required && value instanceof com.vaadin.flow.component.HasValueAndElement<?, ?> hv) {
            hv.setRequiredIndicatorVisible(true);
        }
        if (fd.readOnly() && value instanceof com.vaadin.flow.component.HasValueAndElement<?, ?> hv) {
            hv.setReadOnly(true);
        }
        bind(key, fd, value);
        return component;
    }

    @SuppressWarnings("unchecked")
    private <V> void bind(String key, FieldDefinition fd, HasValue<?, V> field) {
        binder.forField(field).bind(draft -> (V) toField(draft.stored(key), fd, field),
                (draft, value) -> draft.set(key, fromField(value, fd, draft.stored(key))));
        bound.put(key, new Bound(fd, field));
    }

    /** Month and day names of the UI language, the configured date format and Monday first, whatever the UI language. */
    private DatePicker.DatePickerI18n datePickerI18n() {
        java.text.DateFormatSymbols symbols = java.text.DateFormatSymbols.getInstance(locale);
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        i18n.setDateFormat(dateFormat);
        i18n.setFirstDayOfWeek(1);
        i18n.setMonthNames(Arrays.asList(symbols.getMonths()).subList(0, 12).stream()
                .map(ContentForm::capitalized).toList());
        // DateFormatSymbols numbers weekdays from 1 (Sunday); index 0 is empty
        i18n.setWeekdays(Arrays.asList(symbols.getWeekdays()).subList(1, 8).stream()
                .map(ContentForm::capitalized).toList());
        i18n.setWeekdaysShort(Arrays.asList(symbols.getShortWeekdays()).subList(1, 8).stream()
                .map(w -> capitalized(w.replace(".", ""))).toList());
        i18n.setToday(getTranslation("date.today"));
        i18n.setCancel(getTranslation("action.cancel"));
        return i18n;
    }

    /** The date pattern in the UI language's letters ({@code dd.MM.yyyy} → {@code dd.mm.åååå} in Norwegian). */
    private String placeholder() {
        String letters = getTranslation("date.patternLetters"); // day, month, year
        StringBuilder out = new StringBuilder();
        for (char c : dateFormat.toCharArray()) {
            out.append(switch (c) {
                case 'd' -> letters.charAt(0);
                case 'M' -> letters.charAt(1);
                case 'y' -> letters.charAt(2);
                default -> c;
            });
        }
        return out.toString();
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private void configureReference(ComboBox<String> combo, ContentTypeDefinition target) {
        Map<String, String> names = referenceNames(target);
        combo.setItems(names.keySet());
        combo.setItemLabelGenerator(id -> names.getOrDefault(id, id));
        combo.setClearButtonVisible(true);
    }

    private void configureReference(MultiSelectComboBox<String> combo, ContentTypeDefinition target) {
        Map<String, String> names = referenceNames(target);
        combo.setItems(names.keySet());
        combo.setItemLabelGenerator(id -> names.getOrDefault(id, id));
        combo.setClearButtonVisible(true);
    }

    /** Items of the target type by id with their names (the picker searches these names as one types). */
    private Map<String, String> referenceNames(ContentTypeDefinition target) {
        Map<String, String> names = new LinkedHashMap<>();
        String title = target.titleProperty();
        for (ContentItem item : content.list(new ContentQuery(target.name(), null, null, title, true, 0, 2000))
                .items()) {
            Object name = title == null ? null : item.node().property(title);
            names.put(item.id(), name == null ? item.name() : name.toString());
        }
        return names;
    }

    private String optionLabel(FieldDefinition fd, String v) {
        return fd.options().stream().filter(o -> o.value().equals(v)).findFirst()
                .map(o -> labels.option(app, fd.property(), o)).orElse(v);
    }

    /** Shows a node's values in the fields. */
    void read(ContentNode node) {
        this.original = node;
        binder.readBean(new FormDraft(node, type, node == null ? "" : node.name()));
        markMissingTranslations();
    }

    @SuppressWarnings("rawtypes")
    private Object toField(Object stored, FieldDefinition fd, HasValue field) {
        if (stored == null) {
            return field.getEmptyValue();
        }
        PropertyDefinition p = fd.property();
        return switch (p.type().kind()) {
            case DATE -> stored instanceof OffsetDateTime d ? (fd.time() ? d.atZoneSameInstant(zone).toLocalDateTime()
                    : d.atZoneSameInstant(zone).toLocalDate()) : null;
            case LONG -> stored instanceof Long l && l <= Integer.MAX_VALUE && l >= Integer.MIN_VALUE ? l.intValue()
                    : null;
            case DOUBLE -> stored instanceof Number n ? n.doubleValue() : null;
            case DECIMAL -> stored instanceof BigDecimal d ? d : null;
            case BOOLEAN -> Boolean.TRUE.equals(stored);
            case REFERENCE -> p.multiple() ? new LinkedHashSet<>(stored instanceof List<?> l
                    ? l.stream().map(String::valueOf).toList() : List.of(stored.toString())) : stored.toString();
            default -> p.multiple() && stored instanceof List<?> l && !p.hasOptions()
                    ? String.join("\n", l.stream().map(String::valueOf).toList()) : stored.toString();
        };
    }

    /** Builds the node the fields describe, keeping what the form does not show (other children, unknown values). */
    ContentNode write(String name) {
        FormDraft draft = new FormDraft(original, type, name);
        // as a draft: the bindings hold no validators (the content service validates), so every value is written
        binder.writeBeanAsDraft(draft);
        return draft.build();
    }

    private Object fromField(Object value, FieldDefinition fd, Object previous) {
        if (value == null) {
            return null;
        }
        PropertyDefinition p = fd.property();
        return switch (p.type().kind()) {
            case DATE -> {
                if (value instanceof LocalDateTime moment) {
                    yield moment.atZone(zone).toOffsetDateTime();
                }
                LocalDate day = (LocalDate) value;
                if (previous instanceof OffsetDateTime old && old.atZoneSameInstant(zone).toLocalDate().equals(day)) {
                    yield old; // unchanged day: keep the stored time and offset
                }
                yield previous instanceof OffsetDateTime old
                        ? day.atTime(old.toLocalTime()).atZone(zone).toOffsetDateTime()
                        : day.atStartOfDay(zone).toOffsetDateTime();
            }
            case LONG -> ((Integer) value).longValue();
            case REFERENCE -> p.multiple() ? new ArrayList<>((Set<?>) value) : value;
            default -> {
                if (value instanceof String s) {
                    if (p.multiple() && !p.hasOptions()) {
                        List<String> lines = Arrays.stream(s.split("\\R")).map(String::trim).filter(t -> !t.isEmpty())
                                .toList();
                        yield lines;
                    }
                    yield s.isEmpty() ? null : s;
                }
                yield value;
            }
        };
    }

    /** Shows the service's validation messages next to their fields; returns messages without a field. */
    List<String> showViolations(List<Violation> violations) {
        List<String> general = new ArrayList<>();
        for (Violation v : violations) {
            HasValue<?, ?> field = bound.containsKey(v.field()) ? bound.get(v.field()).field() : null;
            // a validator's errorMessage from the YAML (a key of the module's bundles, or text) wins
            String message = v.messageKey() != null ? labels.message(v.messageKey()) : v.message(locale);
            if (field instanceof HasValidation h) {
                h.setErrorMessage(message);
                h.setInvalid(true);
            } else {
                general.add(v.field() + ": " + message);
            }
        }
        return general;
    }

    void clearErrors() {
        bound.values().forEach(b -> clearError(b.field()));
    }

    private static void clearError(HasValue<?, ?> field) {
        if (field instanceof HasValidation h) {
            h.setInvalid(false);
            h.setErrorMessage(null);
        }
    }

    /** Marks bilingual fields whose English is missing while the Norwegian is filled. */
    void markMissingTranslations() {
        for (Map.Entry<String, Bound> e : bound.entrySet()) {
            String key = e.getKey();
            PropertyDefinition p = e.getValue().definition().property();
            if (!p.i18n() || !key.contains("_")) {
                continue;
            }
            String base = key.substring(0, key.lastIndexOf('_'));
            HasValue<?, ?> norwegian = bound.containsKey(base) ? bound.get(base).field() : null;
            HasValue<?, ?> field = e.getValue().field();
            boolean missing = !field.isEmpty() ? false : norwegian != null && !norwegian.isEmpty();
            if (field instanceof Component c) {
                c.getElement().getClassList().set("missing-translation", missing);
                if (c instanceof com.vaadin.flow.component.HasHelper h && missing) {
                    h.setHelperText(getTranslation("editor.missingTranslation"));
                }
            }
        }
    }

    Set<String> fieldKeys() {
        return bound.keySet();
    }



}
