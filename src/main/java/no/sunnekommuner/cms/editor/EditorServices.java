package no.sunnekommuner.cms.editor;

import java.util.Objects;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.security.ApiTokens;
import no.sunnekommuner.cms.security.SignIn;
import no.sunnekommuner.cms.security.UserDirectory;

/**
 * What the editor's views use (the media app and asset fields use {@code assets}; the date pattern is {@code editor.dateFormat}, a {@code DateTimeFormatter} pattern), handed in by the composition root ({@code server}) so that the editor depends on
 * the layers below it only, never on the runtime that builds it.
 */
public record EditorServices(DefinitionRegistry definitions, ContentService content, UserDirectory users,
        SignIn signIn, ApiTokens tokens, java.time.ZoneId editorTimeZone, String editorDateFormat,
        WorkflowServices workflow, no.sunnekommuner.cms.content.applications.MembershipApplications applications,
        no.sunnekommuner.cms.content.media.AssetLibrary assets) {

    public EditorServices {
        Objects.requireNonNull(definitions, "definitions");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(editorTimeZone, "editorTimeZone");
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(editorDateFormat, "editorDateFormat");
        Objects.requireNonNull(assets, "assets");
    }
}
