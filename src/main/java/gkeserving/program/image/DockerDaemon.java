package gkeserving.program.image;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a Docker daemon answers where the docker provider will look for one. pulumi-docker 4.5
 * connects to the daemon as soon as the provider is configured, which happens in {@code pulumi
 * preview} as well as {@code up}, and then fails with a bare "failed to connect to any docker
 * daemon"; asking first lets the program say what is missing and how to do without it.
 */
@FunctionalInterface
public interface DockerDaemon {

    /**
     * @param configuredHost the stack's {@code docker:host}, which the provider prefers over everything else
     * @return empty when a daemon answers; otherwise every endpoint that was tried, for the message
     */
    Optional<List<String>> unreachable(Optional<String> configuredHost);

    /**
     * Whether this run's docker provider builds images, and so reads the staged build context. False only
     * for {@link #NOT_PROBED}: such a run neither needs the context nor writes it.
     */
    default boolean buildsHere() {
        return true;
    }

    /** For runs that never reach the docker provider (the mock engine, offline renders). */
    DockerDaemon NOT_PROBED = new DockerDaemon() {
        @Override
        public Optional<List<String>> unreachable(Optional<String> configuredHost) {
            return Optional.empty();
        }

        @Override
        public boolean buildsHere() {
            return false;
        }
    };

    /** Probes the endpoints the provider would use on this machine. */
    static DockerDaemon probing(Map<String, String> environment, Path home, boolean windows, Duration timeout) {
        return configuredHost -> {
            List<String> endpoints = candidates(configuredHost, environment, home, windows);
            return endpoints.stream().anyMatch(endpoint -> answers(endpoint, timeout))
                    ? Optional.empty()
                    : Optional.of(endpoints);
        };
    }

    static DockerDaemon ofThisMachine() {
        return probing(System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("os.name", "").toLowerCase().startsWith("windows"), Duration.ofSeconds(3));
    }

    /**
     * The provider's own order: an explicit host ({@code docker:host}, else {@code DOCKER_HOST}) is the only
     * one it tries; without one it tries the system socket, then Docker Desktop's per-user sockets.
     */
    static List<String> candidates(Optional<String> configuredHost, Map<String, String> environment, Path home,
                                   boolean windows) {
        Optional<String> explicit = configuredHost.filter(h -> !h.isBlank())
                .or(() -> Optional.ofNullable(environment.get("DOCKER_HOST")).filter(h -> !h.isBlank()));
        if (explicit.isPresent()) {
            return List.of(explicit.get().trim());
        }
        if (windows) {
            return List.of("npipe:////./pipe/docker_engine");
        }
        List<String> sockets = new ArrayList<>();
        sockets.add("unix:///var/run/docker.sock");
        sockets.add("unix://" + home.resolve(".docker/run/docker.sock").toAbsolutePath());
        sockets.add("unix://" + home.resolve(".docker/desktop/docker.sock").toAbsolutePath());
        return sockets;
    }

    /**
     * Opens (and closes) a connection to a {@code unix://} or {@code tcp://} endpoint. Endpoints that cannot
     * be probed without speaking their protocol ({@code ssh://}, {@code npipe://}) count as answering: the
     * provider reports on those itself.
     */
    static boolean answers(String endpoint, Duration timeout) {
        if (endpoint.startsWith("unix://")) {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                return channel.connect(UnixDomainSocketAddress.of(endpoint.substring("unix://".length())));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        if (endpoint.startsWith("tcp://") || endpoint.startsWith("http://") || endpoint.startsWith("https://")) {
            try (Socket socket = new Socket()) {
                URI uri = URI.create(endpoint);
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 2375),
                        (int) timeout.toMillis());
                return true;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        return true;
    }
}
