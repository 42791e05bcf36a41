package no.sunnekommuner.cms.server;

import java.nio.file.Path;
import no.sunnekommuner.cms.repository.RepositoryBackup;

/**
 * The jar's sub-commands {@code export DIR} and {@code import DIR} ({@code ./start.sh export DIR}): backup of every
 * workspace as system view XML, and its restore into an empty repository. They start the repository with the same
 * settings as the server (no web server, no demo content), so run them while the server is stopped in embedded
 * mode; in postgresql mode they join the cluster as a node of their own (give them their own data.dir and
 * repository.clusterNodeId).
 */
final class BackupCommand {

    static final int USAGE = 64;

    private BackupCommand() {
    }

    /** Runs a sub-command; returns the exit status. */
    static int run(String[] args, Settings settings) throws Exception {
        if (args.length != 2 || !(args[0].equals("export") || args[0].equals("import"))) {
            System.err.println("Usage: start.sh [export DIR | import DIR]   (no arguments: start the server)");
            return USAGE;
        }
        Path dir = Path.of(args[1]).toAbsolutePath().normalize();
        try (CmsRuntime runtime = CmsRuntime.start(settings)) {
            RepositoryBackup backup = new RepositoryBackup(runtime.repository());
            RepositoryBackup.Summary summary = args[0].equals("export") ? backup.export(dir) : backup.importFrom(dir);
            System.out.printf("%s %s: %d workspaces, %d files, %d nodes%n", args[0].equals("export") ? "Exported to"
                    : "Imported from", dir, summary.workspaces(), summary.files(), summary.nodes());
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }
}
