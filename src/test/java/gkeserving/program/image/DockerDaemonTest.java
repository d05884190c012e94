package gkeserving.program.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the probe looks (the docker provider's order) and whether it notices a daemon, against real local sockets. */
class DockerDaemonTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Path HOME = Path.of("/home/someone");

    @TempDir
    Path tmp;

    @Test
    void theStacksDockerHostWinsOverDockerHostInTheEnvironmentAndIsTheOnlyEndpointTried() {
        assertThat(DockerDaemon.candidates(Optional.of("tcp://10.0.0.5:2376"), Map.of("DOCKER_HOST", "unix:///x.sock"), HOME, false))
                .containsExactly("tcp://10.0.0.5:2376");
        assertThat(DockerDaemon.candidates(Optional.empty(), Map.of("DOCKER_HOST", "unix:///x.sock"), HOME, false))
                .containsExactly("unix:///x.sock");
    }

    @Test
    void withoutAHostTheSystemSocketThenDockerDesktopsUserSocketsAreTried() {
        assertThat(DockerDaemon.candidates(Optional.of(" "), Map.of(), HOME, false)).containsExactly(
                "unix:///var/run/docker.sock",
                "unix:///home/someone/.docker/run/docker.sock",
                "unix:///home/someone/.docker/desktop/docker.sock");
        assertThat(DockerDaemon.candidates(Optional.empty(), Map.of(), HOME, true))
                .containsExactly("npipe:////./pipe/docker_engine");
    }

    @Test
    void aListeningUnixSocketAnswersAStaleOrMissingOneDoesNot() throws IOException {
        Path live = tmp.resolve("live.sock");
        Path stale = tmp.resolve("stale.sock");
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(stale)).close();
        assertThat(stale).exists();
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(live));

            assertThat(DockerDaemon.answers("unix://" + live, TIMEOUT)).isTrue();
        }
        assertThat(DockerDaemon.answers("unix://" + stale, TIMEOUT)).isFalse();
        assertThat(DockerDaemon.answers("unix://" + tmp.resolve("missing.sock"), TIMEOUT)).isFalse();
    }

    @Test
    void aListeningTcpPortAnswersAClosedOneDoesNot() throws IOException {
        int closedPort;
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(DockerDaemon.answers("tcp://127.0.0.1:" + server.getLocalPort(), TIMEOUT)).isTrue();
            closedPort = server.getLocalPort();
        }
        assertThat(DockerDaemon.answers("tcp://127.0.0.1:" + closedPort, TIMEOUT)).isFalse();
    }

    @Test
    void endpointsThatCannotBeProbedCheaplyAreLeftToTheProvider() {
        assertThat(DockerDaemon.answers("ssh://builder@build-host", TIMEOUT)).isTrue();
        assertThat(DockerDaemon.answers("npipe:////./pipe/docker_engine", TIMEOUT)).isTrue();
    }

    @Test
    void reportsEveryEndpointTriedWhenNoneAnswers() {
        String missing = "unix://" + tmp.resolve("missing.sock");
        var probe = DockerDaemon.probing(Map.of("DOCKER_HOST", missing), HOME, false, TIMEOUT);

        assertThat(probe.unreachable(Optional.empty())).contains(List.of(missing));
    }

    @Test
    void isSatisfiedWhenDockerDesktopsUserSocketAnswers() throws IOException {
        Path home = tmp.resolve("home");
        Path socket = Files.createDirectories(home.resolve(".docker/run")).resolve("docker.sock");
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));

            assertThat(DockerDaemon.probing(Map.of(), home, false, TIMEOUT).unreachable(Optional.empty())).isEmpty();
        }
    }
}
