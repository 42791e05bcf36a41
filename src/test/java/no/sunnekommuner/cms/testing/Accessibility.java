package no.sunnekommuner.cms.testing;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The axe-core check shared by the editor's and the website's browser tests. */
public final class Accessibility {

    /** axe-core's tags of WCAG 2.1 levels A and AA. */
    public static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private Accessibility() {
    }

    /**
     * A page's finite animations still running (a notification fading in or out, a dialog opening), looked for in
     * the document and in every shadow root. Infinite ones (a progress bar, the loading indicator) never end and do
     * not change the colours axe measures, so they are not waited for.
     */
    private static final String FINITE_ANIMATIONS_RUNNING = """
            () => document.getAnimations()
                .filter(a => a.playState === 'running')
                .filter(a => { const t = a.effect && a.effect.getComputedTiming(); return t && t.endTime !== Infinity; })
                .length === 0""";

    /**
     * Serious and critical WCAG 2.1 A/AA violations on the page once its finite animations have ended, one line each.
     * A notification card measured half-way through its fade-in has the colours of half its opacity, which axe reports
     * as a contrast failure of text that is never shown that way for longer than the fade.
     */
    public static List<String> seriousViolations(Page page) {
        page.waitForFunction(FINITE_ANIMATIONS_RUNNING, null,
                new Page.WaitForFunctionOptions().setTimeout(10_000).setPollingInterval(50));
        AxeResults results = new AxeBuilder(page).withTags(WCAG_21_AA).analyze();
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                found.add(rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5)
                                .collect(Collectors.joining(", ")));
            }
        }
        return found;
    }
}
