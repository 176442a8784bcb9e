package io.jitpay.alipay.sandbox;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * Starting and stopping a sandbox: the server and the context its handlers share. The context is kept after
 * {@link #close()}, so keys, trades and deliveries can still be read.
 */
final class SandboxLifecycle {

    private final SandboxSettings settings;

    private final TradeBook trades;

    private final PendingFaults faults;

    private final BillAdjustments billAdjustments = new BillAdjustments();

    private volatile @Nullable SandboxServer server;

    private volatile @Nullable SandboxContext context;

    SandboxLifecycle(SandboxSettings settings, TradeBook trades, PendingFaults faults) {
        this.settings = settings;
        this.trades = trades;
        this.faults = faults;
    }

    /**
     * Generates the key pairs (unless given), in certificate mode issues their certificates, and starts serving.
     * @return {@code false} when it was already started
     * @throws UncheckedIOException when the port cannot be bound
     */
    synchronized boolean start() {
        if (this.server != null) {
            return false;
        }
        SandboxSettings config = this.settings;
        SandboxKeys keys = config.keys();
        SandboxCertificates certificates = config.certificateMode()
                ? SandboxCertificates.issue(keys, config.clock(), config.appId(), config.sellerId()) : null;
        SandboxServer bound = SandboxServer.bind(config.host(), config.port());
        TradeNotifications notifications = new TradeNotifications(config.appId(), config.sellerId(), keys,
                config.clock(), new Notifier(config.notifyRetryScale(), config.clock()));
        String baseUrl = "http://" + config.host() + ":" + bound.address().getPort();
        SandboxContext started = new SandboxContext(config.appId(), config.sellerId(), keys, config.clock(), baseUrl,
                this.trades, notifications, this.faults, this.billAdjustments, new BillLinks(config.clock(), baseUrl),
                certificates);
        bound.serve(started);
        this.context = started;
        this.server = bound;
        return true;
    }

    /** Stops serving and stops every pending notification retry. */
    synchronized void close() {
        SandboxServer running = this.server;
        if (running != null) {
            running.stop();
            this.server = null;
        }
        SandboxContext current = this.context;
        if (current != null) {
            current.notifications().close();
        }
    }

    /** The changes to the bills, kept across restarts like the trades. */
    BillAdjustments billAdjustments() {
        return this.billAdjustments;
    }

    boolean isRunning() {
        return this.server != null;
    }

    /** The address it is bound to, with the port actually chosen. */
    InetSocketAddress address() {
        SandboxServer current = this.server;
        if (current == null) {
            throw notStarted();
        }
        return current.address();
    }

    SandboxContext context() {
        SandboxContext current = this.context;
        if (current == null) {
            throw notStarted();
        }
        return current;
    }

    private static IllegalStateException notStarted() {
        return new IllegalStateException("The sandbox is not started; call start() first");
    }
}
