package no.sunnekommuner.cms.security;

/** Where a signed-in editor is kept in the HTTP session, shared by the editor UI and the preview endpoints. */
public final class SessionUser {

    /** HTTP session attribute holding the signed-in {@link User}. */
    public static final String ATTRIBUTE = "no.sunnekommuner.cms.user";

    private SessionUser() {
    }
}
