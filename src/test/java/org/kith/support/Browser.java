package org.kith.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Real headless Chromium (Debian's {@code /usr/bin/chromium}) driven by Playwright, with axe-core. Playwright
 * never downloads a browser here. Without Chromium the browser tests are skipped and say so, except under
 * {@code CI=true}, where a missing browser fails the run.
 *
 * <p>One browser per test class; {@link #open} gives a fresh context (cookies, JavaScript on or off) per person.
 * Every page opened through it fails its test on a console error or on a 4xx/5xx response, unless that status was
 * expected.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    public static final int PHONE_WIDTH = 375;

    private static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("KITH_CHROMIUM", "/usr/bin/chromium"));

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;
    private final String baseUrl;

    private Browser(String baseUrl) {
        Map<String, String> env = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        this.playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
        this.chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        this.baseUrl = baseUrl;
    }

    /** Starts Chromium, or skips the calling test class (fails it under CI=true) when there is none. */
    public static Browser start(int port) {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but there is no Chromium at " + CHROMIUM
                        + ": .ci/run installs Debian's chromium package");
            }
            Assumptions.abort("Browser tests skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        }
        return new Browser("http://localhost:" + port);
    }

    /** A new person at the keyboard: their own cookies, a phone-width window unless told otherwise. */
    public Tab open(boolean javaScript) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setJavaScriptEnabled(javaScript)
                .setBaseURL(baseUrl)
                .setViewportSize(PHONE_WIDTH, 800));
        // generous: a busy two-core machine runs the whole application beside the browser
        context.setDefaultTimeout(60_000);
        context.setDefaultNavigationTimeout(60_000);
        return new Tab(context, context.newPage());
    }

    public Tab open() {
        return open(true);
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }

    /** One person's browser tab, with what went wrong on its pages collected as it goes. */
    public static final class Tab implements AutoCloseable {

        private final BrowserContext context;
        private final Page page;
        private final List<String> problems = new ArrayList<>();
        private Predicate<Integer> expectedStatus = status -> false;

        Tab(BrowserContext context, Page page) {
            this.context = context;
            this.page = page;
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type()) && !isExpectedStatusMessage(message.text())) {
                    problems.add("console error on " + page.url() + ": " + message.text());
                }
            });
            page.onResponse(response -> {
                if (response.status() >= 400 && !expectedStatus.test(response.status())) {
                    problems.add(response.status() + " for " + response.request().method() + " " + response.url());
                }
            });
        }

        private boolean isExpectedStatusMessage(String text) {
            // Chromium logs "Failed to load resource: ... status of 404" for an expected error page too
            return text.startsWith("Failed to load resource") && text.matches(".*status of (\\d+).*")
                    && expectedStatus.test(Integer.parseInt(text.replaceAll(".*status of (\\d+).*", "$1")));
        }

        public Page page() {
            return page;
        }

        public Tab go(String path) {
            page.navigate(path);
            return this;
        }

        /** Signs in through the sign-in page with a test account (password {@link TestData#PASSWORD}). */
        public Page signIn(String username) {
            go("/sign-in");
            page.getByLabel("Email address or username").fill(username);
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestData.PASSWORD);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Sign in")).click();
            return page;
        }

        /** A screenshot at desktop width (1280 px) under target/screenshots; the viewport goes back to phone width. */
        public Tab desktopScreenshot(String name) {
            page.setViewportSize(1280, 900);
            try {
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-desktop.png"))
                        .setFullPage(true));
            } finally {
                page.setViewportSize(PHONE_WIDTH, 800);
            }
            return this;
        }

        /** The next responses may have this status (an error page under test) without failing the test. */
        public Tab expectStatus(int status) {
            expectedStatus = s -> s == status;
            return this;
        }

        public Tab expectNoErrorStatus() {
            expectedStatus = s -> false;
            return this;
        }

        /** axe-core on the page as it is now: no WCAG 2.0, 2.1 or 2.2 A or AA violation. */
        public Tab checkAccessibility() {
            AxeResults results = new AxeBuilder(page)
                    .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                    .analyze();
            List<Rule> violations = results.getViolations();
            assertThat(violations).as(() -> "axe violations on " + page.url() + ":\n" + describe(violations))
                    .isEmpty();
            return this;
        }

        /** A screenshot at phone width under target/screenshots, and no sideways scrolling on it. */
        public Tab screenshot(String name) {
            try {
                Files.createDirectories(SCREENSHOTS);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
            Object scrollWidth = page.evaluate("() => document.documentElement.scrollWidth");
            Object viewport = page.evaluate("() => document.documentElement.clientWidth");
            assertThat(((Number) scrollWidth).intValue()).as("page %s scrolls sideways at %d px", page.url(),
                    PHONE_WIDTH).isLessThanOrEqualTo(((Number) viewport).intValue());
            return this;
        }

        /** Accessibility and a phone screenshot together: what every page gets. */
        public Tab looksRight(String name) {
            return checkAccessibility().screenshot(name);
        }

        /** Fails on any console error or unexpected 4xx/5xx seen so far. */
        public void assertNoProblems() {
            assertThat(problems).as("problems seen in the browser").isEmpty();
        }

        public List<String> problems() {
            return problems;
        }

        @Override
        public void close() {
            try {
                assertNoProblems();
            } finally {
                context.close();
            }
        }

        private static String describe(List<Rule> violations) {
            return violations.stream()
                    .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + "\n  " + v.getNodes().stream()
                            .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining("\n  ")))
                    .collect(Collectors.joining("\n"));
        }
    }
}
