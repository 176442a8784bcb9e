package io.jitpay.benchmarks.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jitpay.benchmarks.Fixtures;

/**
 * Starts {@link StartupApp} in fresh JVMs, alternately without and with the starter (and the SDK it brings) on the
 * class path, and prints the median time to ready and heap after GC of each.
 */
public final class StartupComparison {

    /** What adding the starter puts on the class path. */
    private static final List<String> STARTER_JARS = List.of("alipay-pay-core", "alipay-pay-spring-boot-starter",
            "alipay-sdk-java", "bcprov-", "okhttp-", "okio-", "kotlin-stdlib");

    private static final Pattern LINE = Pattern.compile("STARTUP ready_ms=(\\d+) heap_bytes=(\\d+) beans=(\\d+) "
            + "payment=(\\w+)");

    private StartupComparison() {
    }

    public static void main(String[] args) throws Exception {
        int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 7;
        List<String> full = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        // The sandbox is never part of the comparison: it is a test and development tool.
        List<String> with = full.stream().filter((entry) -> !entry.contains("alipay-pay-sandbox")).toList();
        List<String> bare = with.stream().filter((entry) -> STARTER_JARS.stream().noneMatch((jar) -> Paths.get(entry)
            .getFileName().toString().startsWith(jar))).toList();
        List<Variant> variants = List.of(new Variant("bare web app", bare, false, List.of()),
                new Variant("bare web app that runs its first SQL at start", bare, false,
                        List.of("--bench.touch-db")),
                new Variant("with the starter (schema created on the embedded DB)", with, true, List.of()),
                new Variant("with the starter, initialize-schema=never", with, true,
                        List.of("--jitpay.alipay.store.initialize-schema=never")));
        List<List<long[]>> results = new ArrayList<>();
        variants.forEach((variant) -> results.add(new ArrayList<>()));
        for (int i = 0; i < runs + 1; i++) {
            for (int v = 0; v < variants.size(); v++) {
                long[] result = run(variants.get(v));
                if (i > 0) {
                    // The first round only warms the file system cache.
                    results.get(v).add(result);
                }
            }
        }
        long bareReady = median(results.get(0), 0);
        long bareHeap = median(results.get(0), 1);
        for (int v = 0; v < variants.size(); v++) {
            long ready = median(results.get(v), 0);
            long heap = median(results.get(v), 1);
            System.out.printf("%-55s ready %5d ms (%+4d ms), heap after GC %5.1f MiB (%+5.1f MiB), %d beans%n",
                    variants.get(v).name(), ready, ready - bareReady, heap / 1048576.0, (heap - bareHeap) / 1048576.0,
                    results.get(v).get(0)[2]);
        }
        System.out.println("medians of " + runs + " runs each, in alternation");
    }

    private record Variant(String name, List<String> classPath, boolean starter, List<String> arguments) {
    }

    private static long[] run(Variant variant) throws IOException, InterruptedException {
        boolean starter = variant.starter();
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx512m", "-cp", String.join(File.pathSeparator, variant.classPath()),
                StartupApp.class.getName(),
                "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--spring.datasource.url=jdbc:h2:mem:startup"));
        if (starter) {
            command.addAll(List.of("--jitpay.alipay.app-id=" + Fixtures.APP_ID,
                    "--jitpay.alipay.private-key=" + Fixtures.base64(Fixtures.APP.getPrivate().getEncoded()),
                    "--jitpay.alipay.public-key=" + Fixtures.base64(Fixtures.ALIPAY.getPublic().getEncoded()),
                    "--jitpay.alipay.notify.enabled=true"));
        }
        command.addAll(variant.arguments());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        long[] result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.find()) {
                    if (Boolean.parseBoolean(matcher.group(4)) != starter) {
                        throw new IllegalStateException("The " + (starter ? "starter" : "bare") + " run "
                                + (starter ? "has no" : "has an") + " AliPayment bean");
                    }
                    result = new long[] { Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                        Long.parseLong(matcher.group(3)) };
                }
            }
        }
        process.waitFor();
        if (result == null) {
            throw new IllegalStateException("The start-up run printed no result");
        }
        return result;
    }

    private static long median(List<long[]> runs, int index) {
        long[] values = runs.stream().mapToLong((run) -> run[index]).sorted().toArray();
        return values[values.length / 2];
    }
}
