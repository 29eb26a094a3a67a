package org.fractionball.lms.infrastructure.ui;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Headless Chromium for the browser tests: the machine's own {@code chromium} and
 * {@code chromedriver} (Debian's packages; {@code CHROMIUM_BIN} / {@code CHROMEDRIVER_BIN} override
 * the paths), the driver given explicitly so Selenium Manager never downloads anything.
 */
final class Browser {
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension TABLET = new Dimension(820, 1180);

    private Browser() {
    }

    static Path chromium() {
        return firstExecutable(System.getenv("CHROMIUM_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
    }

    static Path chromedriver() {
        return firstExecutable(System.getenv("CHROMEDRIVER_BIN"), "/usr/bin/chromedriver",
                "/usr/lib/chromium/chromedriver");
    }

    static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--mute-audio", "--autoplay-policy=no-user-gesture-required", "--lang=en-US",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        // the console (errors of the pages' scripts) goes into the tests' timeout messages
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }

    /**
     * Saves the current page at desktop and tablet width as {@code <name>-desktop.png} and
     * {@code <name>-tablet.png} under {@code UI_SCREENSHOTS_DIR} (e.g. {@code ../docs/screenshots}
     * to refresh the committed ones), else under {@code target/screenshots}.
     */
    static void screenshots(ChromeDriver driver, String name) {
        String configured = System.getenv("UI_SCREENSHOTS_DIR");
        Path directory = Path.of(configured == null || configured.isBlank() ? "target/screenshots" : configured);
        try {
            Files.createDirectories(directory);
            for (var size : new Object[][]{{"desktop", DESKTOP}, {"tablet", TABLET}}) {
                driver.manage().window().setSize((Dimension) size[1]);
                // full page height so the whole page is in the picture
                Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
                driver.manage().window().setSize(new Dimension(((Dimension) size[1]).width,
                        Math.max(((Dimension) size[1]).height, Math.min(height.intValue() + 120, 3000))));
                driver.executeScript("window.scrollTo(0, 0)");
                File shot = driver.getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), directory.resolve(name + "-" + size[0] + ".png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            driver.manage().window().setSize(DESKTOP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the pages wrote to the console since the last call, one line each. */
    static String console(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).collect(Collectors.joining("\n"));
    }

    private static Path firstExecutable(String... candidates) {
        return Stream.of(candidates).filter(c -> c != null && !c.isBlank()).map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
    }
}
