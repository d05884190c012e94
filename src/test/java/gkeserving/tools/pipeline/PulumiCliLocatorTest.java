package gkeserving.tools.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PulumiCliLocatorTest {
    @TempDir
    Path root;

    @Test
    void pulumiIsFoundOnlyAsAnExecutableFileOnPath() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        Path plain = Files.createDirectories(root.resolve("plain"));
        Files.writeString(plain.resolve("pulumi"), "");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path pulumi = Files.writeString(bin.resolve("pulumi"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(pulumi, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(PulumiCliLocator.findOnPath(empty + ":" + plain)).isEmpty();
        assertThat(PulumiCliLocator.findOnPath(empty + "::" + plain + ":" + bin)).contains(pulumi);
        assertThat(PulumiCliLocator.onPath(Map.of("PATH", empty.toString())).locate()).isEmpty();
    }
}
