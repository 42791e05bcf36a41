package no.sunnekommuner.cms.website;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Bli medlem" / "Become a member" form: shows it, checks what the site can check itself (honeypot, consent,
 * decision date, that the upload is a PDF within the size limit), then hands the application to the CMS's intake
 * and shows its answer in the visitor's language. Nothing the visitor sent is shown back except their own typed
 * values (escaped by the template); the uploaded file is never stored or served by the site.
 */
final class ApplicationForm {

    /** The field of the uploaded declaration (not a property: the CMS stores the file as a binary extra). */
    static final String DECLARATION = "declaration";
    /** A field people never see or fill in (CSS hides it); bots that fill every field are refused. */
    static final String HONEYPOT = "homepage";
    static final List<String> BODIES = List.of("kommunestyre", "formannskap", "fylkesting", "fylkesutvalg");
    private static final int MAX_TEXT = 200;
    private static final DateTimeFormatter NORWEGIAN_DATE = DateTimeFormatter.ofPattern("d.M.uuuu");

    private final IntakeClient intake;
    private final long maxDeclarationBytes;
    private final ObjectMapper json = new ObjectMapper();
    /** The typed text fields, sent to the intake as they are. */
    private final List<String> texts;
    private final String dateField;
    private final String consentField;
    private final String consentTextKey;
    private final String fileNameKey;
    /** The form's field names, in the order the error summary lists them. */
    private final List<String> fields;

    ApplicationForm(IntakeClient intake, long maxDeclarationBytes) {
        this.intake = intake;
        this.maxDeclarationBytes = maxDeclarationBytes;
        SiteModel cm = SiteModel.load();
        this.texts = cm.list("apply.texts");
        this.dateField = cm.get("apply.decisionDate");
        this.consentField = cm.get("apply.consent");
        this.consentTextKey = cm.get("apply.consentText");
        this.fileNameKey = cm.get("apply.declarationFileName");
        List<String> all = new java.util.ArrayList<>(texts);
        all.addAll(List.of(dateField, DECLARATION, consentField));
        this.fields = List.copyOf(all);
    }

    long maxDeclarationBytes() {
        return maxDeclarationBytes;
    }

    /** The query parameter of the receipt shown after a stored application. */
    static final String RECEIVED = "received";

    /** The empty form, or the receipt ({@code ?received}). */
    Page form(Lang lang, Map<String, String> query) {
        return page(lang, 200, new LinkedHashMap<>(), new LinkedHashMap<>(), query.containsKey(RECEIVED));
    }

    /** A multipart POST of the form (or a body the servlet could not read: {@code unreadable}). */
    Page submit(Lang lang, HttpServletRequest req) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        byte[] pdf = null;
        String fileName = null;
        try {
            List<String> typed = new java.util.ArrayList<>(texts);
            typed.addAll(List.of(dateField, consentField, HONEYPOT));
            for (String f : typed) {
                values.put(f, text(req.getPart(f)));
            }
            Part file = req.getPart(DECLARATION);
            if (file != null && file.getSize() > 0) {
                if (file.getSize() > maxDeclarationBytes) {
                    errors.put("declaration", message(lang, "declaration", "declaration.tooLarge"));
                } else {
                    try (InputStream in = file.getInputStream()) {
                        pdf = in.readNBytes((int) maxDeclarationBytes + 1);
                    }
                    fileName = file.getSubmittedFileName();
                }
            }
        } catch (IllegalStateException | IOException | ServletException e) {
            // Jetty refuses a part or a request over the multipart limits while reading it
            errors.put("declaration", message(lang, "declaration", "declaration.tooLarge"));
            return page(lang, 413, values, errors, false);
        }
        if (!values.getOrDefault(HONEYPOT, "").isEmpty()) {
            errors.put("form", Messages.get(lang, "apply.error.honeypot"));
            return page(lang, 400, values, errors, false);
        }
        LocalDate decided = null;
        String date = values.get(dateField);
        if (date.isEmpty()) {
            errors.put(dateField, message(lang, dateField, "required"));
        } else {
            decided = parseDate(date);
            if (decided == null) {
                errors.put(dateField, Messages.get(lang, "apply.error." + dateField + ".format"));
            }
        }
        if (!errors.containsKey("declaration")) {
            if (pdf == null) {
                errors.put("declaration", message(lang, "declaration", "declaration.missing"));
            } else if (pdf.length < 5 || !new String(pdf, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
                errors.put("declaration", message(lang, "declaration", "declaration.notPdf"));
            }
        }
        if (!"yes".equals(values.get(consentField))) {
            // the CMS names this rule after the field too
            errors.put(consentField, message(lang, consentField, consentField));
        }
        if (!errors.isEmpty()) {
            return page(lang, 400, values, errors, false);
        }
        ObjectNode application = json.createObjectNode();
        for (String f : texts) {
            application.put(f, values.get(f));
        }
        application.put(dateField, decided.toString());
        application.put(consentField, true);
        application.put(consentTextKey, Messages.get(lang, "apply.consent"));
        application.put(fileNameKey, fileName);
        application.put("declarationBase64", Base64.getEncoder().encodeToString(pdf));
        IntakeClient.Answer answer = intake.send(application, lang, req.getRemoteAddr());
        if (answer.received()) {
            return page(lang, 200, new LinkedHashMap<>(), errors, true);
        }
        if (answer.status() == 429) {
            errors.put("form", Messages.get(lang, "apply.error.rateLimited"));
        } else if (answer.fields().isEmpty()) {
            errors.put("form", Messages.get(lang, "apply.error.unavailable"));
        }
        for (IntakeClient.FieldError f : answer.fields()) {
            errors.putIfAbsent(fields.contains(f.field()) ? f.field() : "form", message(lang, f.field(), f.rule(),
                    f.message()));
        }
        return page(lang, answer.status() >= 500 ? 503 : answer.status(), values, errors, false);
    }

    /** The site's own text for a refused field: by field and rule, else by field, else the CMS's message. */
    private String message(Lang lang, String field, String rule, String... cmsMessage) {
        String own = rule.startsWith(field + ".") ? rule.substring(field.length() + 1) : rule;
        if (own.equals("tooLarge") && field.equals("declaration")) {
            return Messages.get(lang, "apply.error.declaration.tooLarge", sizeLimit(lang));
        }
        for (String key : List.of("apply.error." + field + "." + own, "apply.error." + field)) {
            String text = Messages.get(lang, key);
            if (!text.equals(key)) {
                return text;
            }
        }
        return cmsMessage.length > 0 && !cmsMessage[0].isBlank() ? cmsMessage[0]
                : Messages.get(lang, "apply.error.invalid");
    }

    private Page page(Lang lang, int status, Map<String, String> values, Map<String, String> errors,
            boolean received) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", Messages.get(lang, "apply.title"));
        m.put("description", Messages.get(lang, "apply.lead"));
        m.put("values", values);
        m.put("errors", errors);
        m.put("fields", fields);
        m.put("bodies", BODIES);
        m.put("received", received);
        m.put("maxSize", sizeLimit(lang));
        m.put(Page.UNCACHEABLE, true); // the visitor's typed values and errors are in it
        return new Page(status, "apply", m, Section.APPLY.path(Lang.NB), Section.APPLY.path(Lang.EN));
    }

    /** The upload limit as people write it: "5 MB", "64 kB" (nb) / "64 KB" (en). */
    private String sizeLimit(Lang lang) {
        long mb = 1024L * 1024;
        if (maxDeclarationBytes % mb == 0) {
            return maxDeclarationBytes / mb + " MB";
        }
        return Math.max(1, maxDeclarationBytes / 1024) + (lang == Lang.NB ? " kB" : " KB");
    }

    private static String text(Part part) throws IOException {
        if (part == null || part.getSubmittedFileName() != null) {
            return "";
        }
        try (InputStream in = part.getInputStream()) {
            String s = new String(in.readNBytes(MAX_TEXT * 4), StandardCharsets.UTF_8).strip();
            return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
        }
    }

    /** A date as the browser's date field sends it (2026-10-15) or as typed in Norwegian (15.10.2026). */
    static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text, NORWEGIAN_DATE);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
