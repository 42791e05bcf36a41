package no.sunnekommuner.cms.server;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repository's folder, which holds the password hashes and every draft: created readable by the server's own
 * account only (0700). The files Jackrabbit and Derby create inside follow the process's umask, so the folder's
 * own permissions are what keeps other accounts out; a folder an older version created with the umask's group
 * and world bits is tightened to 0700 at start (logged once).
 */
final class DataFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataFolder() {
    }

    static Path prepare(Path folder) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (Files.notExists(folder)) {
            if (folder.toAbsolutePath().getParent() != null) {
                Files.createDirectories(folder.toAbsolutePath().getParent());
            }
            if (posix) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                // createDirectory applies the umask on top of the requested permissions: set them once more
                Files.setPosixFilePermissions(folder, OWNER_ONLY);
            } else {
                Files.createDirectory(folder);
            }
            return folder;
        }
        if (posix && Files.isDirectory(folder)) {
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(folder);
            Set<PosixFilePermission> extra = EnumSet.copyOf(current);
            extra.removeAll(OWNER_ONLY);
            if (!extra.isEmpty()) {
                try {
                    Files.setPosixFilePermissions(folder, OWNER_ONLY);
                    LOG.warn("The data folder {} was readable by other accounts ({}); it holds password hashes, so "
                            + "its permissions are now rwx------", folder.toAbsolutePath(),
                            PosixFilePermissions.toString(current));
                } catch (IOException | SecurityException e) {
                    LOG.warn("The data folder {} is readable by other accounts ({}) and could not be restricted: {}",
                            folder.toAbsolutePath(), PosixFilePermissions.toString(current), e.toString());
                }
            }
        }
        return folder;
    }
}
