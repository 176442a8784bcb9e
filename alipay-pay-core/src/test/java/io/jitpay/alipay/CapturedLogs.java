package io.jitpay.alipay;

import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** What one class logs while a test runs, to check what an operator would read. */
final class CapturedLogs implements AutoCloseable {

    private final Logger logger;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final Level levelBefore;

    private CapturedLogs(Class<?> source, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(source);
        this.levelBefore = this.logger.getLevel();
        if (level != null) {
            this.logger.setLevel(level);
        }
        this.appender.start();
        this.logger.addAppender(this.appender);
    }

    static CapturedLogs of(Class<?> source) {
        return new CapturedLogs(source, null);
    }

    /** Captures from the given level up, whatever the configured level (the tests' root level is WARN). */
    static CapturedLogs of(Class<?> source, Level level) {
        return new CapturedLogs(source, level);
    }

    /** The formatted lines logged at a level, with their exceptions' messages. */
    List<String> at(Level level) {
        return this.appender.list.stream().filter((event) -> event.getLevel() == level)
            .map(CapturedLogs::text).collect(Collectors.toList());
    }

    /** Every line, as written. */
    String all() {
        return this.appender.list.stream().map(CapturedLogs::text).collect(Collectors.joining("\n"));
    }

    private static String text(ILoggingEvent event) {
        return event.getFormattedMessage()
                + ((event.getThrowableProxy() != null) ? " " + event.getThrowableProxy().getMessage() : "");
    }

    @Override
    public void close() {
        this.logger.detachAppender(this.appender);
        this.logger.setLevel(this.levelBefore);
    }
}
