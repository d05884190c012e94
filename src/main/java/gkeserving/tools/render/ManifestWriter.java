package gkeserving.tools.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Writes {@code <out>/k8s/NN-<kind>-<name>.yaml}, one YAML document per Kubernetes object or Helm release. */
public final class ManifestWriter {
    public static final String DIRECTORY = "k8s";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            // Quote only where YAML needs it ("true", "8501", ": "), so label values stay strings on re-read.
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            // Config texts (TF Serving configs, kubeconfigs) stay readable as literal blocks.
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .disable(YAMLGenerator.Feature.USE_PLATFORM_LINE_BREAKS)
            .build());

    private ManifestWriter() {
    }

    /** The YAML text of one document; key order is the map's own. */
    public static String yaml(Map<String, Object> content) {
        try {
            return YAML.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Replaces the YAML files of any earlier render in {@code <out>/k8s} with {@code files}, so a
     * removed object does not linger.
     *
     * @return the written paths, in the files' order
     */
    public static List<Path> write(Path outDir, List<KubernetesFile> files) {
        Path dir = outDir.resolve(DIRECTORY);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> old = Files.list(dir)) {
                for (Path stale : old.filter(p -> p.getFileName().toString().endsWith(".yaml")).toList()) {
                    Files.delete(stale);
                }
            }
            for (KubernetesFile file : files) {
                Files.writeString(dir.resolve(file.fileName()), yaml(file.content()), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        }
        return files.stream().map(f -> dir.resolve(f.fileName())).toList();
    }
}
