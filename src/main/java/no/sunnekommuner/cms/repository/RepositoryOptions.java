package no.sunnekommuner.cms.repository;

import java.util.Locale;
import java.util.Objects;

/**
 * How the repository keeps its content: {@link Mode#EMBEDDED} (Derby files in the data folder, one instance) or
 * {@link Mode#POSTGRESQL} (a Jackrabbit cluster node on a shared PostgreSQL database; the data folder then holds
 * only this instance's search indexes and journal revision).
 */
public record RepositoryOptions(Mode mode, String jdbcUrl, String user, String password, int poolSize,
        String clusterNodeId, long syncDelayMillis) {

    /** The persistence of the repository. */
    public enum Mode {
        EMBEDDED, POSTGRESQL;

        public static Mode parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Setting 'repository.mode' must be embedded or postgresql, not '"
                        + value + "'");
            }
        }
    }

    public RepositoryOptions {
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.POSTGRESQL) {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("Setting 'repository.jdbcUrl' must be a jdbc:postgresql: URL"
                        + " when repository.mode=postgresql");
            }
            if (poolSize < 2) {
                throw new IllegalArgumentException("Setting 'repository.poolSize' must be at least 2");
            }
            if (syncDelayMillis < 10) {
                throw new IllegalArgumentException("Setting 'repository.syncDelay' must be at least 10 (ms)");
            }
            if (clusterNodeId != null && !clusterNodeId.isEmpty() && !clusterNodeId.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("Setting 'repository.clusterNodeId' may hold letters, digits,"
                        + " '.', '_' and '-' only (1-64 characters)");
            }
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        clusterNodeId = clusterNodeId == null ? "" : clusterNodeId;
    }

    /** The embedded Derby repository (the default). */
    public static RepositoryOptions embedded() {
        return new RepositoryOptions(Mode.EMBEDDED, null, null, null, 0, null, 0);
    }

    public boolean clustered() {
        return mode == Mode.POSTGRESQL;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return clustered() ? "postgresql " + jdbcUrl + " as " + user + " (node " + clusterNodeId + ", sync "
                + syncDelayMillis + " ms, pool " + poolSize + ")" : "embedded";
    }
}
