package no.sunnekommuner.cms.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Screenshots what the browser showed when a test failed, then closes the test's pages. */
public final class BrowserFailures implements AfterTestExecutionCallback {

    private final Supplier<Chromium> chromium;

    public BrowserFailures(Supplier<Chromium> chromium) {
        this.chromium = chromium;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Chromium browser = chromium.get();
        if (browser == null) {
            return;
        }
        if (context.getExecutionException().isPresent()) {
            browser.screenshotAll(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName());
        }
        browser.closeContexts();
    }
}
