package no.sunnekommuner.cms.content.spi;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * Storage port of the editor accounts. Names reach it already normalised and checked by the security layer; the
 * store keeps what it is given and answers whether the account was there.
 */
public interface UserStore {

    Optional<StoredUser> find(String username);

    /** Every account, sorted by username. */
    ImmutableList<StoredUser> list();

    /** Stores a new account; false when the username is taken. */
    boolean create(StoredUser user);

    /** Replaces display name, roles and UI language (not the hash); false when there is no such account. */
    boolean update(String username, String displayName, ImmutableList<String> roles, String uiLanguage);

    /** False when there is no such account. */
    boolean setPasswordHash(String username, String passwordHash);

    /** False when there is no such account. */
    boolean delete(String username);
}
