package no.sunnekommuner.cms.security;

import java.util.Optional;

/** Checks a username and password (editor sign-in, Basic auth on the nodes API and preview endpoints). */
public interface Authenticator {

    /**
     * The user when the password is right and the attempt is not throttled; empty otherwise (callers must not
     * tell which of the two was wrong). {@code clientAddress} is the request's remote address (per-address limits).
     */
    Optional<User> authenticate(String username, char[] password, String clientAddress);
}
