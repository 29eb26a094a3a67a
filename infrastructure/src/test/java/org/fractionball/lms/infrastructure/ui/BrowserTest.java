package org.fractionball.lms.infrastructure.ui;

import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pages in a real browser (headless Chromium through Selenium), signed in with Firebase
 * e-mail/password against the Auth emulator. One browser serves every test of a class; each test
 * signs in, in a fresh tab, as the user it needs. Skipped, with the reason, when Chromium,
 * chromedriver or the emulator is missing ({@code .ci/run} provides all three).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest extends IntegrationTest {
    protected ChromeDriver browser;
    protected WebDriverWait wait;

    @BeforeAll
    final void startBrowser() {
        assumeTrue(Browser.chromium() != null, "No Chromium (apt-get install chromium chromium-driver, or set "
                + "CHROMIUM_BIN): browser tests skipped");
        assumeTrue(Browser.chromedriver() != null, "No chromedriver (apt-get install chromium-driver, or set "
                + "CHROMEDRIVER_BIN): browser tests skipped");
        assumeTrue(TestFirebase.EMULATOR, "No FIREBASE_AUTH_EMULATOR_HOST: the pages sign in with Firebase "
                + "e-mail/password, which needs the Auth emulator; browser tests skipped");
        browser = Browser.start();
        wait = waiting(Duration.ofSeconds(15));
    }

    @AfterAll
    final void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * A wait whose failure says where the browser was, what the status line said and what the
     * console logged; pages that redraw (live refresh) may replace an element while it is looked at.
     */
    protected WebDriverWait waiting(Duration timeout) {
        WebDriverWait waiting = new WebDriverWait(browser, timeout);
        waiting.ignoring(StaleElementReferenceException.class);
        waiting.withMessage(() -> "at " + browser.getCurrentUrl() + ", status line \"" + statusLine()
                + "\", browser console:\n" + Browser.console(browser));
        return waiting;
    }

    /** A new tab in place of the current one: nothing of the last user's session storage is left. */
    protected void freshTab() {
        String old = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        String fresh = browser.getWindowHandle();
        browser.switchTo().window(old).close();
        browser.switchTo().window(fresh);
    }

    /** On the sign-in page: signs in with e-mail and password and waits until {@code landing} shows who is signed in. */
    protected void submitSignIn(String email, String password, String landing) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-panel")));
        type("email", email);
        type("password", password);
        click("password-submit");
        wait.until(ExpectedConditions.urlToBe(url(landing)));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-as")));
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    protected Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    protected void type(String id, String value) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        input.clear();
        input.sendKeys(value);
    }

    protected void clear(String id) {
        browser.findElement(By.id(id)).clear();
    }

    protected void click(String id) {
        clickOn(By.id(id));
    }

    /** Finds the element anew on each try, so a redraw between finding and clicking is tried again. */
    protected void clickOn(By locator) {
        wait.until(d -> {
            WebElement element = d.findElement(locator);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    protected String text(String id) {
        return text(By.id(id));
    }

    protected String text(By locator) {
        return read(locator, WebElement::getText);
    }

    /** Reads an element once it is present, finding it again if a redraw replaced it meanwhile. */
    protected <T> T read(By locator, Function<WebElement, T> reading) {
        wait.until(ExpectedConditions.presenceOfElementLocated(locator));
        for (int attempt = 1; ; attempt++) {
            try {
                return reading.apply(browser.findElement(locator));
            } catch (StaleElementReferenceException redrawn) {
                if (attempt == 5) {
                    throw redrawn;
                }
            }
        }
    }

    protected void expectStatus(String expected) {
        wait.until(ExpectedConditions.textToBe(By.id("status"), expected));
    }

    protected String statusLine() {
        List<WebElement> status = browser.findElements(By.id("status"));
        return status.isEmpty() ? "(none)" : status.get(0).getText();
    }
}
