package io.jitpay.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Comparator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A bare Spring Boot web application with a DataSource; the start-up comparison runs it with and without the starter.
 * With {@code --bench.steps} it also prints the slowest bean instantiations.
 */
@SpringBootApplication
public class StartupApp {

    public static void main(String[] args) throws java.sql.SQLException {
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        SpringApplication application = new SpringApplication(StartupApp.class);
        boolean steps = Arrays.asList(args).contains("--bench.steps");
        BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
        if (steps) {
            application.setApplicationStartup(startup);
        }
        ConfigurableApplicationContext context = application.run(args);
        if (Arrays.asList(args).contains("--bench.touch-db")) {
            // What most applications do at start (migrations, JPA, a health check): run a first SQL statement.
            try (var connection = context.getBean(javax.sql.DataSource.class).getConnection();
                    var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS app_start (id INT PRIMARY KEY)");
            }
        }
        long ready = System.currentTimeMillis() - start;
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.println("STARTUP ready_ms=" + ready + " heap_bytes=" + heap + " beans="
                + context.getBeanDefinitionCount() + " payment=" + context.containsBean("aliPayment"));
        if (steps) {
            startup.getBufferedTimeline().getEvents().stream()
                .filter((event) -> event.getStartupStep().getName().equals("spring.beans.instantiate"))
                .sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed())
                .limit(15)
                .forEach((event) -> System.out.println("STEP " + event.getDuration().toMillis() + " ms "
                        + tag(event, "beanName")));
        }
        context.close();
    }

    private static String tag(StartupTimeline.TimelineEvent event, String key) {
        for (var tag : event.getStartupStep().getTags()) {
            if (tag.getKey().equals(key)) {
                return tag.getValue();
            }
        }
        return "?";
    }

}
