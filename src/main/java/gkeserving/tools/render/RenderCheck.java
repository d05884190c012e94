package gkeserving.tools.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import gkeserving.tools.render.check.ManifestValidator;
import gkeserving.tools.render.check.SchemaProblem;
import gkeserving.tools.render.check.TfServingConfigCheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema check of a render, run on the files as written (so what is on disk is what was checked):
 * every Kubernetes object against its typed fabric8 model, and every TF Serving config text in a
 * ConfigMap against TF Serving's protos. Helm values are the chart's business and are not checked.
 */
public final class RenderCheck {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final ManifestValidator manifests = new ManifestValidator();
    private final TfServingConfigCheck tfServingConfigs = new TfServingConfigCheck();

    /** @param outDir the render's output directory; {@code files} are the ones written under its {@code k8s/} */
    public List<SchemaProblem> check(Path outDir, List<KubernetesFile> files) {
        List<SchemaProblem> problems = new ArrayList<>();
        for (KubernetesFile file : files) {
            if (file.helmRelease()) {
                continue;
            }
            String source = ManifestWriter.DIRECTORY + "/" + file.fileName();
            String text = read(outDir.resolve(ManifestWriter.DIRECTORY).resolve(file.fileName()), source);
            problems.addAll(manifests.validateYaml(text, source));
            mapping(text).ifPresent(manifest -> problems.addAll(tfServingConfigs.check(manifest, source)));
        }
        return problems;
    }

    private static String read(Path file, String source) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Empty when the text is not one YAML mapping: the manifest validator has reported that already. */
    private static Optional<Map<String, Object>> mapping(String text) {
        try {
            return Optional.ofNullable(YAML.readValue(text, new TypeReference<Map<String, Object>>() { }));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
