package no.sunnekommuner.cms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.sunnekommuner.cms.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up as an operator sees it: a setting that cannot be used is one clear line on stderr and exit status 2 (no
 * stack trace), and the data folder holding the password hashes is readable by the server's account only.
 */
class StartupConfigurationIT {

    @TempDir
    Path temp;

    @Test
    void aTooShortAdminPasswordIsOneLineAndExitStatus2() throws Exception {
        Result r = startMain(Map.of("SK_ADMIN_PASSWORD", "kort"));
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderrLines()).as(r.stderr()).hasSize(1);
        assertThat(r.stderr()).contains("admin.password").contains("at least 10 characters")
                .doesNotContain("Exception").doesNotContain("\tat ");
        // refused before anyone could sign in with it, and the repository was closed again (no stale lock)
        assertThat(temp.resolve("data/.lock")).doesNotExist();
    }

    @Test
    void otherUnusableSettingsAreOneLineAndExitStatus2() throws Exception {
        for (Map<String, String> env : List.of(Map.of("SK_SERVER_PORT", "eighty"),
                Map.of("SK_SERVER_TRUSTED_PROXIES", "10.0.0.0/99"), Map.of("SK_SERVER_HSTS", "a year"),
                Map.of("SK_SITE_PORT", "web"),
                Map.of("SK_SERVER_FRAME_ANCESTORS", "https://a.example; script-src *"))) {
            Result r = startMain(env);
            assertThat(r.exitCode()).as(env + ": " + r.stderr()).isEqualTo(2);
            assertThat(r.stderrLines()).as(env + ": " + r.stderr()).hasSize(1);
            assertThat(r.stderr()).as(env.toString()).startsWith("Configuration error: Setting '")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aTakenWebsitePortIsOneLineAndExitStatus2AndTheRepositoryIsClosed() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Result r = startMain(Map.of("SK_SITE_PORT", String.valueOf(taken.getLocalPort()),
                    "SK_ADMIN_PASSWORD", "long-enough-password"));
            assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
            assertThat(r.stderrLines()).as(r.stderr()).hasSize(1);
            assertThat(r.stderr()).startsWith("Configuration error: the website cannot listen on port "
                    + taken.getLocalPort()).doesNotContain("\tat ");
            assertThat(temp.resolve("data/.lock")).doesNotExist();
        }
    }

    @Test
    void theDataFolderIsCreatedReadableByItsOwnerOnly() throws Exception {
        Path data = temp.resolve("new/data");
        try (CmsRuntime runtime = CmsRuntime.start(TestRuntimes.settings(data, List.of(TestRuntimes.LIGHT_MODULES)))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        }
        // a folder an older version left world-readable is tightened at the next start
        Path old = temp.resolve("old-data");
        Files.createDirectories(old);
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (CmsRuntime runtime = CmsRuntime.start(TestRuntimes.settings(old, List.of(TestRuntimes.LIGHT_MODULES)))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rwx------");
        }
    }

    record Result(int exitCode, String stderr) {
        List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs {@link Main} in its own JVM with the given environment (a fresh data folder, no demo content). */
    private Result startMain(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .directory(temp.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SK_DATA_DIR", temp.resolve("data").toString());
        pb.environment().put("SK_LIGHT_MODULES_DIRS", TestRuntimes.LIGHT_MODULES.toString());
        pb.environment().put("SK_DEMO_CONTENT", "false");
        pb.environment().put("SK_SERVER_PORT", "0");
        pb.environment().put("SK_SERVER_HOST", "127.0.0.1");
        pb.environment().put("SK_SITE_PORT", "0");
        pb.environment().put("SK_SITE_HOST", "127.0.0.1");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Main did not stop: " + stderr);
        }
        return new Result(p.exitValue(), stderr);
    }
}
