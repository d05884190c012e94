package gkeserving.tools.project;

import java.nio.file.Path;

/**
 * A stack's config file. {@code defaultLocation} is true for {@code <project>/Pulumi.<stack>.yaml},
 * the only place the pulumi CLI looks without {@code --config-file}.
 */
public record StackFile(String name, Path path, boolean defaultLocation) {
}
