package no.sunnekommuner.cms.content.spi;

import java.time.Instant;
import java.util.List;

/** Storage port of the API tokens (their hashes, never the tokens). */
public interface TokenStore {

    /** Every complete token; an incomplete stored one is left out (it grants nothing). */
    List<StoredToken> list();

    void add(StoredToken token);

    /** Removes the token; false when there was none with this id. */
    boolean remove(String id);

    void touch(String id, Instant lastUsed);
}
