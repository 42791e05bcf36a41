package no.sunnekommuner.cms.definition.load;

import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;

/**
 * A parsed definition file: plain maps, lists and scalars, the tag of the root node (Magnolia's
 * {@code !content-type:<name>}) and the line of every key path, so problems can point into the file.
 */
record YamlDocument(Path file, Object root, String rootTag, ImmutableMap<String, Integer> lines) {

    /** The 1-based line of a key path, else of its nearest ancestor that has one, else 0. */
    int line(String keyPath) {
        String path = keyPath;
        while (true) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
            if (path.isEmpty()) {
                return 0;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut < 0 ? "" : path.substring(0, cut);
        }
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
