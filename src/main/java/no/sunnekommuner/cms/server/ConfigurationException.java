package no.sunnekommuner.cms.server;

/**
 * A setting that cannot be used (not a number, an invalid address, a too short admin password…). Start-up reports
 * it as one line on stderr and exits with status 2: it is the operator's to fix, and a stack trace would hide it.
 */
public final class ConfigurationException extends IllegalArgumentException {

    public ConfigurationException(String message) {
        super(message);
    }
}
