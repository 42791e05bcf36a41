package no.sunnekommuner.cms.definition.load;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.sunnekommuner.cms.definition.problem.Problem;
import no.sunnekommuner.cms.definition.problem.Problem.Severity;

/** Collects the problems of one load, locating them in their file by key path. */
final class ProblemReporter {

    private final List<Problem> problems = new ArrayList<>();

    void report(Severity severity, YamlDocument document, String key, String message) {
        problems.add(new Problem(severity, document.file(), document.line(key), key, message));
    }

    void report(Severity severity, Path file, int line, String key, String message) {
        problems.add(new Problem(severity, file, line, key, message));
    }

    /** True if a severe problem was reported for this file since {@code mark}. */
    boolean severeSince(int mark, Path file) {
        return problems.subList(mark, problems.size()).stream()
                .anyMatch(p -> p.severity() == Severity.SEVERE && file.equals(p.file()));
    }

    int mark() {
        return problems.size();
    }

    ImmutableList<Problem> problems() {
        return ImmutableList.copyOf(problems);
    }
}
