package gkeserving.tools.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Each file's path under the output directory ({@code k8s/NN-<kind>-<name>.yaml}) and its text, in the files' order. */
    public static Map<String, String> files(List<KubernetesFile> files) {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach(file -> out.put(DIRECTORY + "/" + file.fileName(), yaml(file.content())));
        return out;
    }
}
