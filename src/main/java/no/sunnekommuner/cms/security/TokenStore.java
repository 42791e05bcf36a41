package no.sunnekommuner.cms.security;

import java.time.Instant;
import java.util.List;

/** Where API tokens are kept (their hashes, never the tokens). */
public interface TokenStore {

    List<ApiToken> list();

    void add(ApiToken token);

    /** Removes the token; false when there was none with this id. */
    boolean remove(String id);

    void touch(String id, Instant lastUsed);
}
