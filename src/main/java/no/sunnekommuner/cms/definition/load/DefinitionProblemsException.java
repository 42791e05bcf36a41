package no.sunnekommuner.cms.definition.load;

import com.google.common.collect.ImmutableList;
import java.util.List;
import no.sunnekommuner.cms.definition.problem.Problem;

/** Thrown when light-module definitions have severe problems; the message lists every problem, one per line. */
public final class DefinitionProblemsException extends RuntimeException {

    private final ImmutableList<Problem> problems;

    public DefinitionProblemsException(List<Problem> problems) {
        super(describe(problems));
        this.problems = ImmutableList.copyOf(problems);
    }

    public ImmutableList<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        StringBuilder s = new StringBuilder("The light module definitions have problems; start-up stopped:");
        for (Problem p : problems) {
            s.append(System.lineSeparator()).append("  ").append(p);
        }
        return s.toString();
    }
}
